// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// An application using the installed aecv package: load an aecv model with plain cv::dnn.
// usage: consumer MODEL.onnx   (a dense model with 64 inputs)
#include <aecv/aecv.hpp>

#include <cstdio>
#include <cstring>
#include <opencv2/dnn.hpp>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: consumer MODEL.onnx\n");
        return 2;
    }
    const std::string path = argv[1];
    cv::Mat blob(std::vector<int>{1, 64}, CV_32F, cv::Scalar(0.5));
    try {
        // [readme-begin]
        aecv::registerLayers();                                 // once, before reading models
        cv::dnn::Net net = cv::dnn::readNetFromONNX(path);      // any aecv model file
        net.setInput(blob);                                     // NCHW/NC float blob
        cv::Mat reconstruction = net.forward();                 // runs on oneDNN
        cv::Mat code = net.forward("code");                     // or another graph output
        // [readme-end]
        aecv::setNumThreads(1);
        const bool ok = aecv::getNumThreads() == 1 && std::strcmp(aecv::version(), AECV_VERSION_STRING) == 0 &&
                        reconstruction.total() == 64 && code.total() == 8;
        std::printf("aecv %s, %d thread(s), reconstruction %zu values, code %zu values: %s\n", aecv::version(),
                    aecv::getNumThreads(), reconstruction.total(), code.total(), ok ? "ok" : "FAILED");
        return ok ? 0 : 1;
    } catch (const cv::Exception& e) {
        std::fprintf(stderr, "error: %s\n", e.err.c_str());
        return 1;
    }
}
