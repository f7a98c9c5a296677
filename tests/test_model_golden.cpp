// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The aecv ONNX file run through cv::dnn with aecv layers gives what stock OpenCV gives on the
// standard-ONNX export of the same weights.
#include <doctest/doctest.h>

#include <opencv2/dnn.hpp>

#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

struct Pair {
    cv::dnn::Net aecv, stock;
};

Pair load(const model::Model& m, const test::TempDir& dir, const std::string& name) {
    model::writeOnnx(m, dir.file(name + ".onnx"));
    model::writeStandardOnnx(m, dir.file(name + ".std.onnx"));
    return {cv::dnn::readNetFromONNX(dir.file(name + ".onnx")), cv::dnn::readNetFromONNX(dir.file(name + ".std.onnx"))};
}

// Runs both nets on the same input, requesting every model output, and compares.
void compare(Pair& nets, const model::Model& m, const ops::Shape& input) {
    const cv::Mat x = test::randomTensor(input, 4242, 0.f, 1.f);
    std::vector<cv::Mat> a, b;
    nets.aecv.setInput(x);
    nets.aecv.forward(a, m.outputs);
    nets.stock.setInput(x);
    nets.stock.forward(b, m.outputs);
    REQUIRE(a.size() == m.outputs.size());
    for (size_t i = 0; i < a.size(); ++i) {
        CAPTURE(m.outputs[i]);
        REQUIRE(ops::shapeOf(a[i]) == ops::shapeOf(b[i]));
        const double diff = test::maxAbsDiff(a[i], b[i]);
        CAPTURE(diff);
        CHECK(diff <= 1e-4);
    }
}

}  // namespace

TEST_CASE("aecv layers match stock OpenCV on the standard export") {
    test::RegisteredLayers registered;
    test::TempDir dir;

    SUBCASE("dense autoencoder") {
        const model::Model m = test::denseAutoencoder();
        Pair nets = load(m, dir, "dense");
        for (int batch : {1, 8}) compare(nets, m, {batch, 64});
    }
    SUBCASE("conv autoencoder: stride-2 conv, transposed conv, pool, bilinear upsample, residual add") {
        const model::Model m = test::convAutoencoder();
        Pair nets = load(m, dir, "conv");
        for (int batch : {1, 8})
            for (const auto& [h, w] : {std::pair{16, 16}, std::pair{24, 40}}) compare(nets, m, {batch, 3, h, w});
    }
    SUBCASE("VAE decoder: dense, reshape, transposed convs, nearest upsample") {
        const model::Model m = test::vaeDecoder();
        Pair nets = load(m, dir, "decoder");
        for (int batch : {1, 8}) compare(nets, m, {batch, 4});
    }
    SUBCASE("dense VAE: sampling gives the mean at inference") {
        const model::Model m = test::denseVae();
        Pair nets = load(m, dir, "vae");
        for (int batch : {1, 8}) compare(nets, m, {batch, 64});
    }
}
