package client

// ContractVersion is the version of the platform contract this package
// speaks, as docs/platform-api.md states it; the About box shows it so IT
// support can tell which contract a build expects.
const ContractVersion = "1"
