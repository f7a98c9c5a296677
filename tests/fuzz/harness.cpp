// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "harness.hpp"

#include <aecv/aecv.hpp>

#include <opencv2/core/utils/logger.hpp>

#include <cstdio>
#include <cstdlib>
#include <mutex>

#include "model/graph.hpp"

namespace aecv::fuzz {

namespace {

constexpr size_t kMaxElements = size_t{1} << 24;  // per tensor: 64 MB of floats

// The stored input shape at batch 1, unknown or large spatial sizes made 16; empty when the
// channel or feature count alone is too large.
ops::Shape smallInput(const ops::Shape& stored) {
    ops::Shape s = stored;
    if (s.size() < 2) return {};
    s[0] = 1;
    if (s[1] <= 0) s[1] = 3;
    for (size_t i = 2; i < s.size(); ++i)
        if (s[i] <= 0 || s[i] > 64) s[i] = 16;
    if (ops::elementCount(s) > kMaxElements) return {};
    return s;
}

}  // namespace

void setUp() {
    static std::once_flag once;
    std::call_once(once, [] {
        cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT);
        aecv::setNumThreads(1);
        aecv::registerLayers();
    });
}

void refused(const cv::Exception& e) {
    static const bool verbose = std::getenv("AECV_FUZZ_VERBOSE") != nullptr;
    if (verbose) std::fprintf(stderr, "refused: %s\n", e.err.c_str());
}

void forwardOnce(const model::Model& m, cv::dnn::Net& net) {
    const ops::Shape in = smallInput(m.inputShape);
    if (in.empty()) return;
    for (const auto& [name, shape] : model::inferShapes(m, in))
        if (ops::elementCount(shape) > kMaxElements) return;
    cv::Mat x = ops::makeTensor(in);
    cv::randu(x, 0.0, 1.0);
    net.setInput(x);
    std::vector<cv::Mat> outputs;
    net.forward(outputs, m.outputs);
    CV_Assert(outputs.size() == m.outputs.size());
}

}  // namespace aecv::fuzz
