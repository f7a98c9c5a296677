// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The one oneDNN CPU engine aecv computes on, and a stream per calling thread.
#pragma once

#include <oneapi/dnnl/dnnl.hpp>

#include "ops/tensor.hpp"

namespace aecv::ops {

dnnl::engine& cpuEngine();
dnnl::stream& cpuStream();  // thread-local: cv::dnn may run nets from several threads

// Plain (nchw / nc) oneDNN descriptor of a float tensor of shape `s`.
dnnl::memory::desc plainDesc(const Shape& s);
// Descriptor of shape `s` whose layout the primitive chooses.
dnnl::memory::desc anyDesc(const Shape& s);
dnnl::memory::desc anyDesc(const Shape& s, dnnl::memory::data_type type);
// What inference computes in: f32, or bf16 after aecv::setPrecision(Precision::BF16).
dnnl::memory::data_type inferenceType();
bool cpuHasBf16();
void setInferenceType(dnnl::memory::data_type type);
// What the weighted ops' training primitives compute in: f32 (default), or bf16 (mixed precision:
// activations, weights and gradients between the primitives in bf16, the parameters, their
// gradients and every tensor between ops in f32). Set by aecv-train --precision.
dnnl::memory::data_type trainingType();
void setTrainingType(dnnl::memory::data_type type);
dnnl::memory::dims toDims(const Shape& s);

// A oneDNN memory object describing `m`'s data in plain layout (no copy).
dnnl::memory wrap(const cv::Mat& m);

}  // namespace aecv::ops
