// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

namespace {

Conv2DConfig conv(int in, int out, int k, int stride, int pad, const char* act = "identity") {
    Conv2DConfig c;
    c.inChannels = in;
    c.outChannels = out;
    c.window = Window2d{k, k, stride, stride, pad, pad, pad, pad};
    c.activation = Activation::fromName(act);
    return c;
}

struct Case {
    const char* name;
    Conv2DConfig cfg;
    Shape input;
};

std::vector<Case> cases() {
    Conv2DConfig dilated = conv(3, 4, 3, 1, 2, "tanh");
    dilated.window.dilationH = dilated.window.dilationW = 2;
    Conv2DConfig grouped = conv(4, 6, 3, 1, 1, "elu");
    grouped.groups = 2;
    Conv2DConfig asymmetric = conv(2, 3, 3, 2, 0, "sigmoid");
    asymmetric.window.padBottom = 1;
    asymmetric.window.padRight = 2;
    asymmetric.bias = false;
    return {
        {"3x3 same", conv(3, 5, 3, 1, 1), {1, 3, 7, 9}},
        {"stride 2, odd size, batch 3, relu", conv(3, 8, 3, 2, 1, "relu"), {3, 3, 9, 7}},
        {"selu 1x1", conv(5, 4, 1, 1, 0, "selu"), {2, 5, 4, 4}},
        {"dilation 2, tanh", dilated, {2, 3, 8, 8}},
        {"groups 2, elu", grouped, {2, 4, 5, 6}},
        {"asymmetric padding, no bias, sigmoid", asymmetric, {1, 2, 6, 7}},
    };
}

}  // namespace

TEST_CASE("Conv2D forward matches the reference in both phases") {
    for (const Case& c : cases()) {
        const std::string name = c.name;
        CAPTURE(name);
        Conv2D op(c.cfg);
        test::randomizeParams(op, 1);
        const cv::Mat x = test::randomTensor(c.input, 2);
        const cv::Mat expected = test::refConv2d(x, op.weight().value, op.bias().value, c.cfg);
        for (Phase phase : {Phase::Inference, Phase::Training}) {
            cv::Mat y;
            op.forward({x}, y, phase);
            REQUIRE(shapeOf(y) == shapeOf(expected));
            CHECK(test::maxAbsDiff(y, expected) <= 1e-4);
        }
    }
}

TEST_CASE("Conv2D backward matches central differences") {
    for (const Case& c : cases()) {
        const std::string name = c.name;
        CAPTURE(name);
        // Finite differences are unreliable across the kinks of ReLU and SELU; the next test
        // covers those activations through the chain rule.
        if (test::hasKink(c.cfg.activation)) continue;
        Conv2D op(c.cfg);
        test::randomizeParams(op, 3);
        const test::GradCheck g = test::checkGradients(op, {test::randomTensor(c.input, 4)}, 1e-3);
        CAPTURE(g.worstInput);
        CAPTURE(g.worstParam);
        CHECK(g.checked > 40);
        CHECK(g.worstInput < 2e-2);
        CHECK(g.worstParam < 2e-2);
    }
}

TEST_CASE("Conv2D backward with a fused kinked activation equals conv then activation backward") {
    for (const char* act : {"relu", "leaky_relu", "selu"}) {
        CAPTURE(act);
        Conv2D fused(conv(3, 4, 3, 2, 1, act)), plain(conv(3, 4, 3, 2, 1));
        test::randomizeParams(fused, 8);
        test::randomizeParams(plain, 8);
        ActivationOp activation(Activation::fromName(act));
        const cv::Mat x = test::randomTensor({2, 3, 9, 8}, 9);
        cv::Mat y, z, y2;
        fused.forward({x}, y, Phase::Training);
        plain.forward({x}, z, Phase::Training);
        activation.forward({z}, y2, Phase::Training);
        CHECK(test::maxAbsDiff(y, y2) <= 1e-5);

        const cv::Mat dy = test::randomTensor(shapeOf(y), 10);
        std::vector<cv::Mat> dxFused(1), dz(1), dxPlain(1);
        fused.backward({x}, y, dy, dxFused);
        activation.backward({z}, y2, dy, dz);
        plain.backward({x}, z, dz[0], dxPlain);
        CHECK(test::maxAbsDiff(dxFused[0], dxPlain[0]) <= 1e-5);
        CHECK(test::maxAbsDiff(fused.weight().grad, plain.weight().grad) <= 1e-4);
        CHECK(test::maxAbsDiff(fused.bias().grad, plain.bias().grad) <= 1e-4);
    }
}

TEST_CASE("Conv2D gradients accumulate across backward calls") {
    Conv2D op(conv(2, 3, 3, 1, 1));
    test::randomizeParams(op, 5);
    const cv::Mat x = test::randomTensor({2, 2, 5, 5}, 6), dy = test::randomTensor({2, 3, 5, 5}, 7);
    cv::Mat y;
    std::vector<cv::Mat> none;
    op.forward({x}, y, Phase::Training);
    op.backward({x}, y, dy, none);
    const cv::Mat once = op.weight().grad.clone();
    op.backward({x}, y, dy, none);
    CHECK(test::maxAbsDiff(op.weight().grad, 2 * once) <= 1e-5);
}

TEST_CASE("Conv2D reports bad configuration and input") {
    CHECK(test::thrownMessage([] { Conv2D op(conv(3, 4, 3, -1, 1)); }) ==
          "Conv2D stride (vertical) is -1; expected >= 1");
    CHECK(test::thrownMessage([] { Conv2D op(conv(3, 4, 3, 1, -2)); }) == "Conv2D top padding is -2; expected >= 0");
    CHECK(test::thrownMessage([] {
              Conv2DConfig c = conv(3, 4, 3, 1, 1);
              c.groups = 2;
              Conv2D op(c);
          }) == "Conv2D groups is 2; expected >= 1 and dividing both channel counts (3, 4)");

    Conv2D op(conv(3, 4, 3, 1, 1));
    cv::Mat y;
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({1, 2, 8, 8}, 1)}, y, Phase::Inference); }) ==
          "Conv2D input has shape [1, 2, 8, 8]; expected [N, 3, H, W]");
    CHECK(test::thrownMessage([&] { op.forward({cv::Mat()}, y, Phase::Inference); }) ==
          "Conv2D input is empty; expected a non-empty float tensor");
    CHECK(test::thrownMessage([&] { op.forward({ops::makeTensor({1, 3, 0, 4})}, y, Phase::Inference); }) ==
          "Conv2D input is empty; expected a non-empty float tensor");
    CHECK(test::thrownMessage([&] { op.forward({cv::Mat(4, 4, CV_8U)}, y, Phase::Inference); }) ==
          "Conv2D input has type CV_8UC1; expected CV_32FC1");
    Conv2D big(conv(3, 4, 5, 1, 0));
    CHECK(test::thrownMessage([&] { big.forward({test::randomTensor({1, 3, 3, 8}, 1)}, y, Phase::Inference); }) ==
          "Conv2D input height 3 (padded 3) is smaller than the kernel extent 5");
    Conv2DConfig wide = conv(3, 4, 5, 1, 0);  // a fuzzer's model: padding that overflowed int
    wide.window.padLeft = 2147483647;
    CHECK(test::thrownMessage([&] { Conv2D(wide).outputShape({{1, 3, 8, 8}}); }) ==
          "Conv2D output width would be 2147483651; expected 1..2147483647");
    std::vector<cv::Mat> dx(1);
    CHECK(test::thrownMessage([&] {
              op.backward({test::randomTensor({1, 3, 6, 6}, 1)}, test::randomTensor({1, 4, 6, 6}, 1),
                          test::randomTensor({1, 4, 6, 6}, 1), dx);
          }) == "Conv2D backward for input [1, 3, 6, 6]: call forward(..., Phase::Training) on that input first");
    op.weight().value.ptr<float>()[7] = std::numeric_limits<float>::quiet_NaN();
    CHECK(test::thrownMessage([&] { op.checkFinite(); }) ==
          "Conv2D parameter 'weight' has a non-finite value (nan) at index 7; expected finite numbers");
}
