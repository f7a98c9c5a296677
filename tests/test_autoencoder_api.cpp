// aecv: autoencoders for OpenCV.
#include <doctest/doctest.h>

#include <aecv/autoencoder.hpp>

#include "models.hpp"
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
