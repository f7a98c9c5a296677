// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <aecv/aecv.hpp>

#include <omp.h>
#include <opencv2/core.hpp>

#include "ops/dnnl_context.hpp"

namespace aecv {

const char* version() { return AECV_VERSION_STRING; }

void setNumThreads(int n) {
    const int threads = n > 0 ? n : omp_get_num_procs();
    omp_set_num_threads(threads);
    cv::setNumThreads(threads);
}

int getNumThreads() { return omp_get_max_threads(); }

void setPrecision(Precision p) {
    if (p == Precision::BF16 && !ops::cpuHasBf16())
        CV_Error(cv::Error::StsNotImplemented, "setPrecision(BF16): this CPU has no AVX-512 BF16 instructions; "
                 "use Precision::F32");
    ops::setInferenceType(p == Precision::BF16 ? dnnl::memory::data_type::bf16 : dnnl::memory::data_type::f32);
}

bool hasBf16() { return ops::cpuHasBf16(); }

Precision getPrecision() {
    return ops::inferenceType() == dnnl::memory::data_type::bf16 ? Precision::BF16 : Precision::F32;
}

}  // namespace aecv
