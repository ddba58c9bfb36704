"""Running SOPs: instances, tasks, history, and where they are stored."""
