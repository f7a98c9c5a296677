// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// bf16 inference: close to f32, really different from it, chained or not. bf16 training (mixed
// precision, aecv-train --precision bf16): output and gradients within bf16 rounding of f32.
#include <doctest/doctest.h>

#include <aecv/aecv.hpp>
#include <opencv2/dnn.hpp>

#include "models.hpp"
#include "ops/conv2d.hpp"
#include "ops/conv_transpose2d.hpp"
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

namespace {

// What the weighted ops train in, for one scope (aecv-train --precision), then f32 again.
struct TrainingTypeScope {
    explicit TrainingTypeScope(dnnl::memory::data_type t) { ops::setTrainingType(t); }
    ~TrainingTypeScope() { ops::setTrainingType(dnnl::memory::data_type::f32); }
    TrainingTypeScope(const TrainingTypeScope&) = delete;
    TrainingTypeScope& operator=(const TrainingTypeScope&) = delete;
};

// Output, input gradient and parameter gradients of one training forward + backward.
std::vector<cv::Mat> trainingStep(ops::Op& op, const cv::Mat& x, const cv::Mat& dy) {
    cv::Mat y;
    op.forward({x}, y, ops::Phase::Training);
    for (ops::Param* p : op.params()) p->grad.setTo(0);
    std::vector<cv::Mat> dx(1);
    op.backward({x}, y, dy, dx);
    std::vector<cv::Mat> all{y.clone(), dx[0].clone()};
    for (ops::Param* p : op.params()) all.push_back(p->grad.clone());
    return all;
}

}  // namespace

TEST_CASE("bf16 training: output and every gradient within bf16 rounding of f32") {
    if (!ops::cpuHasBf16()) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 BF16");
        return;
    }
    ops::Conv2DConfig conv;
    conv.inChannels = 8;
    conv.outChannels = 16;
    conv.window = ops::Window2d{3, 3, 1, 1, 1, 1, 1, 1};
    // A smooth activation: at a kink (ReLU, leaky ReLU) bf16's rounding flips the sign of the few
    // pre-activations near 0, and with them whole entries of the gradient (measured: 12% of the
    // largest input gradient with leaky ReLU), as any rounding would; that is no test of bf16.
    conv.activation = ops::Activation::fromName("tanh");
    ops::ConvTranspose2DConfig up;  // 2x up-sampling to a few channels: the U-Nets' last layer
    up.inChannels = 16;
    up.outChannels = 3;
    up.window = ops::Window2d{2, 2, 2, 2, 0, 0, 0, 0};
    std::vector<std::unique_ptr<ops::Op>> layers;
    layers.push_back(std::make_unique<ops::Conv2D>(conv));
    layers.push_back(std::make_unique<ops::ConvTranspose2D>(up));
    const ops::Shape inputs[] = {{4, 8, 20, 24}, {4, 16, 10, 12}};
    for (size_t k = 0; k < layers.size(); ++k) {
        ops::Op& op = *layers[k];
        const std::string type = op.type();
        CAPTURE(type);
        test::randomizeParams(op, 21);
        const cv::Mat x = test::randomTensor(inputs[k], 22);
        const cv::Mat dy = test::randomTensor(op.outputShape({inputs[k]}), 23);
        const std::vector<cv::Mat> f32 = trainingStep(op, x, dy);
        std::vector<cv::Mat> bf16;
        {
            TrainingTypeScope scope(dnnl::memory::data_type::bf16);
            bf16 = trainingStep(op, x, dy);
        }
        const char* what[] = {"output", "input gradient", "weight gradient", "bias gradient"};
        for (size_t i = 0; i < f32.size(); ++i) {
            const std::string tensor = what[i];
            CAPTURE(tensor);
            const double scale = cv::norm(f32[i], cv::NORM_INF);
            const double diff = test::maxAbsDiff(bf16[i], f32[i]) / scale;
            CAPTURE(diff);
            CHECK(diff > 0);     // bf16 really ran
            CHECK(diff < 2e-2);  // 8-bit mantissas, sums of up to 16 x 9 x 240 products kept in f32
        }
    }
    CHECK(ops::trainingType() == dnnl::memory::data_type::f32);
}

TEST_CASE("bf16 training on inputs wider than oneDNN 2.6's AMX backward-weights kernel takes is refused by name") {
    if (!ops::cpuHasBf16()) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 BF16");
        return;
    }
    // The watermark detector's head, which crashed aecv-train --precision bf16 --patch 384 on AMX.
    ops::Conv2DConfig head;
    head.inChannels = 16;
    head.outChannels = 4;
    head.window = ops::Window2d{3, 3, 1, 1, 1, 1, 1, 1};
    ops::Conv2D op(head);
    TrainingTypeScope scope(dnnl::memory::data_type::bf16);
    cv::Mat y;
    op.forward({test::randomTensor({1, 16, 352, 352}, 31)}, y, ops::Phase::Training);  // (plans both backward steps)
    CHECK(ops::shapeOf(y) == ops::Shape{1, 4, 352, 352});
    const cv::Mat wide = test::randomTensor({1, 16, 360, 368}, 32);
    const std::string refused = test::thrownMessage([&] { op.forward({wide}, y, ops::Phase::Training); });
    if (refused.empty()) {  // no AMX kernel here (AVX-512 BF16 alone): it plans and runs
        CHECK(ops::shapeOf(y) == ops::Shape{1, 4, 360, 368});
    } else {
        CHECK(refused == "Conv2D: training in bf16 on 368x360 inputs: oneDNN 2.6's AMX backward-weights kernel fails on "
                         "sides above 352; train on 352 pixels or less (--patch), in f32, or without AMX "
                         "(ONEDNN_MAX_CPU_ISA=AVX512_CORE_BF16)");
    }
    // inference of the same input is not affected
    op.forward({wide}, y, ops::Phase::Inference);
    CHECK(ops::shapeOf(y) == ops::Shape{1, 4, 360, 368});
}
