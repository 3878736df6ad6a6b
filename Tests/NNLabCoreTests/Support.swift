// The shared test helpers (result, errorMessage, packageRoot, nnlabBinary, temporaryFolder, runLab)
// for every file of this target, without an import of its own.
@_exported import _NNLabTestSupport
