from integconcept.cli.console import run

run()
