// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Fuzz target: bytes -> standard-ONNX import (aecv-model import-standard) -> cv::dnn::Net -> one
// forward. A cv::Exception is the expected answer to a bad file; anything else is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness.hpp"
#include "model/split.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    aecv::fuzz::setUp();
    try {
        const aecv::model::Model m =
            aecv::model::parseStandardOnnx(std::string(reinterpret_cast<const char*>(data), size), "fuzz input");
        cv::dnn::Net net = aecv::model::loadNet(m);
        aecv::fuzz::forwardOnce(m, net);
    } catch (const cv::Exception& e) {
        aecv::fuzz::refused(e);
    }
    return 0;
}
