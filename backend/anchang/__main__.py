from anchang.cli import main

main()
