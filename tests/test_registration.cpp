// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <iostream>
#include <sstream>
#include <thread>

#include <opencv2/dnn.hpp>

#include "models.hpp"
#include "support.hpp"

using namespace aecv;

TEST_CASE("registerLayers makes cv::dnn load aecv models, unregisterLayers undoes it") {
    test::TempDir dir;
    model::Model m = test::denseAutoencoder();
    {
        test::RegisteredLayers registered;  // writing validates the model through the layers
        model::writeOnnx(m, dir.file("dense.onnx"));
    }
    CHECK_FALSE(test::thrownMessage([&] { cv::dnn::readNetFromONNX(dir.file("dense.onnx")); }).empty());
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) threads.emplace_back([] { aecv::registerLayers(); });  // racing is fine
    for (std::thread& t : threads) t.join();
    cv::dnn::Net net = cv::dnn::readNetFromONNX(dir.file("dense.onnx"));
    net.setInput(test::randomTensor({2, 64}, 1));
    CHECK(ops::shapeOf(net.forward()) == ops::Shape{2, 64});
    aecv::unregisterLayers();
    aecv::unregisterLayers();  // idempotent too
    CHECK_FALSE(test::thrownMessage([&] { cv::dnn::readNetFromONNX(dir.file("dense.onnx")); }).empty());
    CHECK(aecv::layerTypes().size() == 10);
}

TEST_CASE("OpenCV's warning about the aecv domain does not reach stderr, other output does") {
    std::ostringstream captured;
    std::streambuf* original = std::cerr.rdbuf(captured.rdbuf());
    {
        test::RegisteredLayers registered;
        test::TempDir dir;
        model::writeOnnx(test::convAutoencoder(), dir.file("conv.onnx"));
        cv::dnn::Net net = cv::dnn::readNetFromONNX(dir.file("conv.onnx"));
        std::cerr << "[ WARN:0@1.0] DNN/ONNX: missing dispatch map for domain='aecv'\n";
        std::cerr << "an unrelated message" << std::endl;
        std::cerr << "[ WARN:0@1.0] DNN/ONNX: missing dispatch map for domain='other'\n" << std::flush;
    }
    std::cerr.rdbuf(original);
    const std::string text = captured.str();
    CAPTURE(text);
    CHECK(text.find("domain='aecv'") == std::string::npos);
    CHECK(text.find("an unrelated message\n") != std::string::npos);
    CHECK(text.find("domain='other'") != std::string::npos);
}
