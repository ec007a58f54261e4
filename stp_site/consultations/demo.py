def load(stdout, partnership):
    return
