from smartcity_score.entry import main

main()
