// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// bf16 inference: close to f32, really different from it, chained or not; training untouched.
#include <doctest/doctest.h>

#include <aecv/aecv.hpp>
#include <opencv2/dnn.hpp>

#include "models.hpp"
#include "ops/dnnl_context.hpp"
#include "presets.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

// Sets the precision for the lifetime of the object, then back to F32.
struct PrecisionScope {
    explicit PrecisionScope(Precision p) { setPrecision(p); }
    ~PrecisionScope() { setPrecision(Precision::F32); }
    PrecisionScope(const PrecisionScope&) = delete;
    PrecisionScope& operator=(const PrecisionScope&) = delete;
};

cv::Mat run(const std::string& path, const cv::Mat& x, bool fusion) {
    cv::dnn::Net net = cv::dnn::readNetFromONNX(path);
    net.enableFusion(fusion);
    net.setInput(x);
    return net.forward().clone();
}

}  // namespace

TEST_CASE("bf16 inference stays within bf16 rounding of f32, chained or not") {
    if (!ops::cpuHasBf16()) {
        // What can be checked here is: asking for bf16 says why not. The rest shows as skipped.
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 BF16");
        CHECK(test::thrownMessage([] { setPrecision(Precision::BF16); }).find("no AVX-512 BF16") != std::string::npos);
        return;
    }
    test::TempDir dir;
    test::RegisteredLayers registered;
    // sub-pixel transposed convolutions, first-layer conv, sigmoid out; and the U-Net with skips
    for (const char* preset : {"reference-denoiser", "image-denoise"}) {
        CAPTURE(preset);
        const std::string path = dir.file(std::string(preset) + ".onnx");
        model::writeOnnx(train::makeRecipe(preset, 3).model, path);
        const int channels = train::makeRecipe(preset, 3).model.inputShape[1];  // the denoiser: + level map
        const cv::Mat x = test::randomTensor({2, channels, 48, 64}, 4, 0.f, 1.f);
        const cv::Mat f32 = run(path, x, true);
        PrecisionScope bf16(Precision::BF16);
        CHECK(getPrecision() == Precision::BF16);
        const cv::Mat chained = run(path, x, true), alone = run(path, x, false);
        const double diff = test::maxAbsDiff(chained, f32), between = test::maxAbsDiff(chained, alone);
        CAPTURE(diff);
        CAPTURE(between);
        CHECK(diff > 0);      // bf16 really ran
        CHECK(diff < 3e-2);   // 8 bits of mantissa through a handful of layers, outputs in [0, 1]
        CHECK(between < 3e-2);
    }
    CHECK(getPrecision() == Precision::F32);
}
