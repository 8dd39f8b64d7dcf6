// Placeholder: the daemon lands with the daemon issue.
