package dict

import "syscall"

const mapPopulate = syscall.MAP_POPULATE
