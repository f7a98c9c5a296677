// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/dnnl_context.hpp"

#include <atomic>

namespace aecv::ops {

using tag = dnnl::memory::format_tag;
using dt = dnnl::memory::data_type;

dnnl::engine& cpuEngine() {
    static dnnl::engine engine(dnnl::engine::kind::cpu, 0);
    return engine;
}

dnnl::stream& cpuStream() {
    thread_local dnnl::stream stream(cpuEngine());
    return stream;
}

dnnl::memory::dims toDims(const Shape& s) { return dnnl::memory::dims(s.begin(), s.end()); }

dnnl::memory::desc plainDesc(const Shape& s) {
    CV_Assert(s.size() >= 1 && s.size() <= 5);
    static const tag plain[] = {tag::a, tag::ab, tag::abc, tag::abcd, tag::abcde};
    return dnnl::memory::desc(toDims(s), dt::f32, plain[s.size() - 1]);
}

dnnl::memory::desc anyDesc(const Shape& s) { return anyDesc(s, dt::f32); }
dnnl::memory::desc anyDesc(const Shape& s, dt type) { return dnnl::memory::desc(toDims(s), type, tag::any); }

namespace {
std::atomic<dt> precision{dt::f32};
std::atomic<dt> trainingPrecision{dt::f32};
}

dt inferenceType() { return precision.load(); }
void setInferenceType(dt type) { precision = type; }
dt trainingType() { return trainingPrecision.load(); }
void setTrainingType(dt type) { trainingPrecision = type; }
bool cpuHasBf16() { return dnnl::get_effective_cpu_isa() >= dnnl::cpu_isa::avx512_core_bf16; }

dnnl::memory wrap(const cv::Mat& m) {
    return dnnl::memory(plainDesc(shapeOf(m)), cpuEngine(), const_cast<uchar*>(m.data));
}

}  // namespace aecv::ops
