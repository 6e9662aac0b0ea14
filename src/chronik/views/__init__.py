"""What each view shows, whatever the format: one handler per view and the parameters it takes."""
