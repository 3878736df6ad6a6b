#!/usr/bin/env python3
"""Writes mnist-gz/: the four MNIST file names, gzipped, holding a tiny data set of the exact IDX
format (magic 2051 for images, 2049 for labels, big-endian sizes): 12 training images of 3x4
pixels, 4 test images; pixel k of image i is (i * 16 + k * 7) % 256, label i % 10. The loader
tests write the same numbers uncompressed themselves and check both read alike.

Run from this folder: python3 make_idx_fixtures.py"""
import gzip
import os
import struct


def images(n, rows, cols, first=0):
    body = bytes(((first + i) * 16 + k * 7) % 256 for i in range(n) for k in range(rows * cols))
    return struct.pack(">IIII", 2051, n, rows, cols) + body


def labels(n, first=0):
    return struct.pack(">II", 2049, n) + bytes((first + i) % 10 for i in range(n))


os.makedirs("mnist-gz", exist_ok=True)
files = {"train-images-idx3-ubyte": images(12, 3, 4), "train-labels-idx1-ubyte": labels(12),
         "t10k-images-idx3-ubyte": images(4, 3, 4, first=100), "t10k-labels-idx1-ubyte": labels(4, first=100)}
for name, data in files.items():
    with gzip.GzipFile(os.path.join("mnist-gz", name + ".gz"), "wb", mtime=0) as f:
        f.write(data)
