"""groundpoint model tooling: our PyTorch MolmoPoint, HF-name loading, ONNX model-package export (tools/README.md)."""
