from smartcity_score.cli import main

main()
