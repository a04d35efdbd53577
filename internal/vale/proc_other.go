//go:build !unix

package vale

import "os/exec"

func killGroupOnCancel(cmd *exec.Cmd) {}
