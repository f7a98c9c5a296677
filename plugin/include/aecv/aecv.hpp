// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <aecv/export.hpp>

#include <aecv/version.hpp>

/// @file
/// Entry point of the aecv library: autoencoder layers for OpenCV's dnn module, computed with oneDNN.

#include <cstddef>
#include <string>
#include <vector>

#include <opencv2/dnn.hpp>

namespace aecv {

/// Registers aecv's layers with OpenCV's dnn module: afterwards cv::dnn::readNetFromONNX() loads
/// aecv models (ONNX nodes in domain "aecv" become layers "aecv.Conv", "aecv.Dense", ...).
/// Idempotent and thread-safe. While registered, the warning OpenCV 4.6 prints for every node of
/// the "aecv" domain ("missing dispatch map") is filtered out of std::cerr; nothing else is.
AECV_EXPORT void registerLayers();

/// Reads an aecv model file into a cv::dnn::Net, like cv::dnn::readNetFromONNX(path) after
/// registerLayers(), but for files from anywhere: every node, attribute, weight and tensor shape is
/// checked first, and OpenCV's importer only sees the model as aecv rewrites it. A bad file gives a
/// cv::Exception naming the file, node and problem. Registers the layers if needed.
AECV_EXPORT cv::dnn::Net readNet(const std::string& path);

/// The same for a model held in memory (`size` bytes at `data`).
AECV_EXPORT cv::dnn::Net readNet(const char* data, size_t size);

/// Undoes registerLayers(): new Nets no longer find aecv layers; Nets already loaded keep working.
/// Do not call it while other threads load models.
AECV_EXPORT void unregisterLayers();

/// The OpenCV layer types aecv registers ("aecv.Conv", ...).
AECV_EXPORT std::vector<std::string> layerTypes();

/// The library's version, e.g. "0.1.0".
AECV_EXPORT const char* version();

/// Sets the number of threads for both oneDNN (OpenMP) and OpenCV, so the two pools do not
/// oversubscribe the cores. n <= 0 restores the default: one thread per core.
AECV_EXPORT void setNumThreads(int n);

/// The thread count aecv's oneDNN primitives run with.
AECV_EXPORT int getNumThreads();

/// Number format of aecv's inference: F32 (default), or BF16 (bfloat16 weights and activations
/// inside oneDNN, float at the edges of each chain of layers; about twice the throughput on CPUs
/// with AVX-512 BF16, slightly less precise). Training always runs in F32.
enum class Precision { F32, BF16 };

/// Sets the precision of inference for Nets set up afterwards (call it before the first forward,
/// or before re-reading the model). cv::Exception for BF16 on a CPU without AVX-512 BF16.
AECV_EXPORT void setPrecision(Precision p);
AECV_EXPORT Precision getPrecision();

/// True when this CPU has AVX-512 BF16, i.e. setPrecision(Precision::BF16) is available.
AECV_EXPORT bool hasBf16();

/// Writes `bytes` to `path` the way aecv writes models and checkpoints: through a temporary file of
/// its own beside `path`, fsync, rename. `path` is always either what it held or all of `bytes`;
/// on failure a cv::Exception says why: "cannot write 'x': No space left on device; 'x' is unchanged".
AECV_EXPORT void writeFileAtomically(const std::string& path, const std::string& bytes);

}  // namespace aecv
