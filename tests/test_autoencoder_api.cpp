// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <aecv/autoencoder.hpp>

#include "models.hpp"
#include "ops/tensor.hpp"
#include "presets.hpp"
#include "support.hpp"

using namespace aecv;

TEST_CASE("Autoencoder encodes, decodes without the encoder, and reconstructs") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::denseAutoencoder(), dir.file("dense.onnx"));
    }
    Autoencoder ae(dir.file("dense.onnx"));
    CHECK(ae.metadata("task") == "autoencoder");
    CHECK(ae.inputShape() == std::vector<int>{1, 64});
    const cv::Mat x = test::randomTensor({5, 64}, 3, 0.f, 1.f);
    const cv::Mat code = ae.encode(x);
    CHECK(ops::shapeOf(code) == ops::Shape{5, 8});
    const cv::Mat direct = ae.reconstruct(x);
    const cv::Mat viaCode = ae.decode(code);
    CHECK(ops::shapeOf(direct) == ops::Shape{5, 64});
    CHECK(test::maxAbsDiff(direct, viaCode) <= 1e-5);
    aecv::unregisterLayers();
}

TEST_CASE("Autoencoder samples and interpolates with a VAE") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::denseVae(), dir.file("vae.onnx"));
    }
    Autoencoder vae(dir.file("vae.onnx"));
    const cv::Mat x = test::randomTensor({2, 64}, 4, 0.f, 1.f);
    const cv::Mat mean = vae.encode(x);
    REQUIRE(ops::shapeOf(mean) == ops::Shape{2, 4});
    // At inference the sampling layer passes the mean: reconstruct = decode(encode).
    CHECK(test::maxAbsDiff(vae.reconstruct(x), vae.decode(mean)) <= 1e-5);

    const cv::Mat a = vae.sample(6, 42), b = vae.sample(6, 42), c = vae.sample(6, 43);
    CHECK(ops::shapeOf(a) == ops::Shape{6, 64});
    CHECK(test::maxAbsDiff(a, b) == 0);
    CHECK(test::maxAbsDiff(a, c) > 1e-3);

    const cv::Mat codeA = mean.row(0).clone(), codeB = mean.row(1).clone();
    const cv::Mat path = vae.interpolate(codeA, codeB, 5);
    REQUIRE(ops::shapeOf(path) == ops::Shape{5, 64});
    CHECK(test::maxAbsDiff(path.row(0), vae.decode(codeA)) <= 1e-5);
    CHECK(test::maxAbsDiff(path.row(4), vae.decode(codeB)) <= 1e-5);
    aecv::unregisterLayers();
}

TEST_CASE("Autoencoder errors say what was expected") {
    Autoencoder none;
    CHECK(none.empty());
    CHECK(test::thrownMessage([&] { none.encode(cv::Mat()); }) ==
          "Autoencoder::encode: no model; call readModel() first");
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::convAutoencoder(), dir.file("unet.onnx"));
    }
    Autoencoder unet(dir.file("unet.onnx"));
    CHECK(test::thrownMessage([&] { unet.decode(test::randomTensor({1, 16, 4, 4}, 1)); }) ==
          "decoder node 'skip' also reads 'c1' from the encoder; this model cannot decode codes alone");
    CHECK(test::thrownMessage([&] { unet.sample(4, 1); }) ==
          "Autoencoder::sample: the model (task 'denoise') is not variational; sampling needs a VAE");
    CHECK(test::thrownMessage([&] { unet.reconstruct(cv::Mat(4, 4, CV_8UC3)); }) ==
          "Autoencoder::reconstruct: the input has type CV_8UC3; expected a CV_32F blob (see cv::dnn::blobFromImages)");
    CHECK(test::thrownMessage([&] { unet.reconstruct(test::randomTensor({1, 4, 16, 16}, 1)); }).find(
              "Conv2D input has shape [1, 4, 16, 16]; expected [N, 3, H, W]") != std::string::npos);
    aecv::unregisterLayers();
}

TEST_CASE("Autoencoder::decodeGrid maps a 2-D latent space row by row") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(train::makeRecipe("shapes-vae", 5).model, dir.file("shapes.onnx"));
        model::writeOnnx(test::denseVae(), dir.file("vae4.onnx"));
    }
    Autoencoder vae(dir.file("shapes.onnx"));
    const cv::Mat grid = vae.decodeGrid(3, 2.0);
    REQUIRE(ops::shapeOf(grid) == ops::Shape{9, 1, 28, 28});
    // row 0, column 2 is the top right corner: code (2, 2); row 2, column 0 the bottom left: (-2, -2)
    const cv::Mat topRight = (cv::Mat_<float>(1, 2) << 2.f, 2.f), bottomLeft = (cv::Mat_<float>(1, 2) << -2.f, -2.f);
    CHECK(test::maxAbsDiff(ops::sampleRange(grid, 2, 1), vae.decode(topRight)) <= 1e-6);
    CHECK(test::maxAbsDiff(ops::sampleRange(grid, 6, 1), vae.decode(bottomLeft)) <= 1e-6);
    CHECK(test::thrownMessage([&] { vae.decodeGrid(1); }) == "Autoencoder::decodeGrid: side is 1; expected 2..1000");
    Autoencoder wide(dir.file("vae4.onnx"));
    CHECK(test::thrownMessage([&] { wide.decodeGrid(4); }) ==
          "Autoencoder::decodeGrid: the code has shape [1, 4]; expected a 2-D code [N, 2]");
}

TEST_CASE("imageGrid tiles a blob into one 8-bit picture") {
    cv::Mat blob = ops::makeTensor({3, 1, 2, 2});
    for (int i = 0; i < 3; ++i) ops::sampleRange(blob, i, 1).setTo(0.25 * (i + 1));
    const cv::Mat grid = imageGrid(blob, 2, 3);
    REQUIRE(grid.type() == CV_8UC1);
    REQUIRE(grid.size() == cv::Size(2 * 2 * 3, 2 * 2 * 3));  // 2 columns, 2 rows, 2x2 pixels scaled by 3
    CHECK(grid.at<uchar>(0, 0) == 64);     // image 0: 0.25 * 255, rounded
    CHECK(grid.at<uchar>(5, 11) == 128);   // image 1, top right
    CHECK(grid.at<uchar>(6, 0) == 191);    // image 2, second row
    CHECK(grid.at<uchar>(11, 11) == 0);    // no image 3: black
    CHECK(test::thrownMessage([&] { imageGrid(ops::makeTensor({2, 2, 4, 4}), 2); }) ==
          "imageGrid: the blob has shape [2, 2, 4, 4] and type CV_32FC1; expected CV_32F [N, 1 or 3, H, W]");
}
