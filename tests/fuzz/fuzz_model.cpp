// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Fuzz target: bytes -> aecv model (parse, validate) -> cv::dnn::Net -> one forward, the path of
// aecv::readNet, aecv::Autoencoder and the image filters. A cv::Exception is the expected answer
// to a bad file; anything else escaping (another exception, a crash, a sanitizer report) is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "harness.hpp"
#include "model/split.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    aecv::fuzz::setUp();
    try {
        const aecv::model::Model m =
            aecv::model::parseOnnx(std::string(reinterpret_cast<const char*>(data), size), "fuzz input");
        cv::dnn::Net net = aecv::model::loadNet(m);
        aecv::fuzz::forwardOnce(m, net);
    } catch (const cv::Exception& e) {
        aecv::fuzz::refused(e);
    }
    return 0;
}
