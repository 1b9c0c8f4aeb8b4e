from exporter.launch import run

run()
