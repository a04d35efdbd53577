// Package copydesk embeds the default configuration: the .vale.ini at the top
// of this module and the styles/ folder it names. The command materialises
// them in a cache folder when a user has no configuration of their own.
package copydesk

import "embed"

// Defaults holds .vale.ini and styles/.
//
//go:embed .vale.ini styles/README.md styles/News/*.yml styles/News/README.md
var Defaults embed.FS
