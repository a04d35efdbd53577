//go:build unix

package vale

import (
	"os/exec"
	"syscall"
)

// killGroupOnCancel runs Vale in a process group of its own and, when the
// context is cancelled, kills the whole group: a wrapper script's children
// go with it.
func killGroupOnCancel(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
