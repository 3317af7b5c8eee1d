from notionlog.cli import main

main()
