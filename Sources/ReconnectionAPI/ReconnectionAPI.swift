// Placeholder: the routes of API.md land with the daemon issue.
import ReconnectionCore
