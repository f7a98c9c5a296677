// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// oneDNN chains: consecutive aecv layers fused through Layer::tryFuse().
#include <doctest/doctest.h>

#include <opencv2/dnn.hpp>

#include "layers/op_layer.hpp"
#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

size_t chainLength(cv::dnn::Net& net, const std::string& node) {
    cv::Ptr<layers::OpLayer> layer = net.getLayer(net.getLayerId("onnx_node!" + node)).dynamicCast<layers::OpLayer>();
    REQUIRE(layer);
    return layer->chainLength();
}

cv::Mat run(cv::dnn::Net& net, const cv::Mat& x) {
    net.setInput(x);
    return net.forward().clone();
}

}  // namespace

TEST_CASE("a chain of aecv layers gives the unfused and the stock results") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    const model::Model m = test::chainModel();
    model::writeOnnx(m, dir.file("chain.onnx"));
    model::writeStandardOnnx(m, dir.file("chain.std.onnx"));
    cv::dnn::Net fused = cv::dnn::readNetFromONNX(dir.file("chain.onnx"));
    cv::dnn::Net alone = cv::dnn::readNetFromONNX(dir.file("chain.onnx"));
    alone.enableFusion(false);
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(dir.file("chain.std.onnx"));

    // Alternating sizes: the chain is prepared again for each new input shape.
    for (const ops::Shape& s : {ops::Shape{1, 3, 32, 32}, ops::Shape{3, 3, 24, 40}, ops::Shape{1, 3, 32, 32}}) {
        CAPTURE(ops::toString(s));
        const cv::Mat x = test::randomTensor(s, 11, 0.f, 1.f);
        const cv::Mat expected = run(stock, x);
        CHECK(test::maxAbsDiff(run(fused, x), expected) <= 1e-4);
        CHECK(test::maxAbsDiff(run(alone, x), expected) <= 1e-4);
    }
    // conv1 absorbed conv2, pool, up1, squash, up2 and recon: all of the net.
    CHECK(chainLength(fused, "conv1") == 6);
    CHECK(chainLength(alone, "conv1") == 0);

    // Switching fusion off and on again re-runs set-up: finalize() drops the old chain.
    const cv::Mat x = test::randomTensor({2, 3, 16, 16}, 12, 0.f, 1.f);
    const cv::Mat expected = run(stock, x);
    fused.enableFusion(false);
    CHECK(test::maxAbsDiff(run(fused, x), expected) <= 1e-4);
    CHECK(chainLength(fused, "conv1") == 0);
    fused.enableFusion(true);
    CHECK(test::maxAbsDiff(run(fused, x), expected) <= 1e-4);
    CHECK(chainLength(fused, "conv1") == 6);
}

TEST_CASE("a chain keeps a plan per input shape and precision: switching precision on one Net takes effect") {
    if (!aecv::hasBf16()) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 BF16");
        return;
    }
    test::RegisteredLayers registered;
    test::TempDir dir;
    model::writeOnnx(test::chainModel(), dir.file("chain.onnx"));
    cv::dnn::Net net = cv::dnn::readNetFromONNX(dir.file("chain.onnx"));
    cv::dnn::Net fresh = cv::dnn::readNetFromONNX(dir.file("chain.onnx"));
    const cv::Mat x = test::randomTensor({1, 3, 32, 32}, 13, 0.f, 1.f);
    const cv::Mat f32 = run(net, x);
    aecv::setPrecision(aecv::Precision::BF16);
    const cv::Mat bf16 = run(net, x), bf16Fresh = run(fresh, x);
    aecv::setPrecision(aecv::Precision::F32);
    const cv::Mat again = run(net, x);
    CHECK(test::maxAbsDiff(bf16, bf16Fresh) == 0);  // the old Net planned again, in bf16 (it used to stay f32)
    CHECK(test::maxAbsDiff(bf16, f32) > 0);
    CHECK(test::maxAbsDiff(again, f32) == 0);
}

TEST_CASE("chains stop at graph outputs: the code stays readable") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    const model::Model m = test::convAutoencoder();
    model::writeOnnx(m, dir.file("conv.onnx"));
    model::writeStandardOnnx(m, dir.file("conv.std.onnx"));
    cv::dnn::Net net = cv::dnn::readNetFromONNX(dir.file("conv.onnx"));
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(dir.file("conv.std.onnx"));
    const cv::Mat x = test::randomTensor({1, 3, 16, 16}, 13, 0.f, 1.f);
    std::vector<cv::Mat> got, expected;
    net.setInput(x);
    net.forward(got, std::vector<cv::String>{"recon", "code"});
    stock.setInput(x);
    stock.forward(expected, std::vector<cv::String>{"recon", "code"});
    CHECK(test::maxAbsDiff(got[0], expected[0]) <= 1e-4);
    CHECK(test::maxAbsDiff(got[1], expected[1]) <= 1e-4);
    CHECK(chainLength(net, "pool") == 1);  // pool absorbed "code", whose output is also a graph output: stop
    CHECK(chainLength(net, "up1") == 1);   // up1 absorbed up2; the Add has two inputs
}
