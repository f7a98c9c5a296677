// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "ops/sub_pixel.hpp"
#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

namespace {

ConvTranspose2DConfig deconv(int in, int out, int k, int stride, int pad, int outPad = 0,
                             const char* act = "identity") {
    ConvTranspose2DConfig c;
    c.inChannels = in;
    c.outChannels = out;
    c.window = Window2d{k, k, stride, stride, pad, pad, pad, pad};
    c.outputPaddingH = c.outputPaddingW = outPad;
    c.activation = Activation::fromName(act);
    return c;
}

struct Case {
    const char* name;
    ConvTranspose2DConfig cfg;
    Shape input;
    Shape output;
};

std::vector<Case> cases() {
    // Keras 'same' k3 s2 (7 -> 14): no padding on top/left, one on bottom/right.
    ConvTranspose2DConfig same = deconv(4, 2, 3, 2, 0, 0, "sigmoid");
    same.window.padBottom = same.window.padRight = 1;
    ConvTranspose2DConfig grouped = deconv(4, 6, 3, 2, 1, 1, "tanh");
    grouped.groups = 2;
    grouped.bias = false;
    ConvTranspose2DConfig dilated = deconv(2, 3, 3, 1, 1);
    dilated.window.dilationH = dilated.window.dilationW = 2;
    return {
        {"k3 s2 valid (3 -> 7)", deconv(3, 4, 3, 2, 0), {2, 3, 3, 3}, {2, 4, 7, 7}},
        {"k4 s2 p1 (doubling), relu", deconv(5, 3, 4, 2, 1, 0, "relu"), {1, 5, 4, 6}, {1, 3, 8, 12}},
        // at inference the next two also run in sub-pixel form (SubPixelDeconv), as does k4 s2 p1
        {"k2 s2 (pixel-shuffle-like), batch 2, leaky relu", deconv(3, 5, 2, 2, 0, 0, "leaky_relu"), {2, 3, 5, 3},
         {2, 5, 10, 6}},
        {"k6 s2 p2, selu", deconv(4, 3, 6, 2, 2, 0, "selu"), {2, 4, 3, 7}, {2, 3, 6, 14}},
        {"Keras same k3 s2 (7 -> 14), sigmoid", same, {3, 4, 7, 7}, {3, 2, 14, 14}},
        {"output padding 1, groups 2, no bias, tanh", grouped, {2, 4, 3, 5}, {2, 6, 6, 10}},
        {"dilation 2", dilated, {1, 2, 5, 4}, {1, 3, 7, 6}},
        {"output padding without padding (PyTorch k3 s2 p0 op1)", deconv(2, 3, 3, 2, 0, 1, "elu"), {2, 2, 3, 4},
         {2, 3, 8, 10}},
    };
}

}  // namespace

TEST_CASE("ConvTranspose2D forward matches the reference in both phases") {
    for (const Case& c : cases()) {
        const std::string name = c.name;
        CAPTURE(name);
        ConvTranspose2D op(c.cfg);
        test::randomizeParams(op, 11);
        const cv::Mat x = test::randomTensor(c.input, 12);
        const cv::Mat expected = test::refConvTranspose2d(x, op.weight().value, op.bias().value, c.cfg);
        REQUIRE(shapeOf(expected) == c.output);
        for (Phase phase : {Phase::Inference, Phase::Training}) {
            cv::Mat y;
            op.forward({x}, y, phase);
            REQUIRE(shapeOf(y) == c.output);
            CHECK(test::maxAbsDiff(y, expected) <= 1e-4);
        }
    }
}

TEST_CASE("ConvTranspose2D backward matches central differences") {
    for (const Case& c : cases()) {
        const std::string name = c.name;
        CAPTURE(name);
        if (test::hasKink(c.cfg.activation)) continue;
        ConvTranspose2D op(c.cfg);
        test::randomizeParams(op, 13);
        const test::GradCheck g = test::checkGradients(op, {test::randomTensor(c.input, 14)}, 1e-3);
        CAPTURE(g.worstInput);
        CAPTURE(g.worstParam);
        CHECK(g.checked > 40);
        CHECK(g.worstInput < 2e-2);
        CHECK(g.worstParam < 2e-2);
    }
}

TEST_CASE("ConvTranspose2D reports bad configuration and input") {
    CHECK(test::thrownMessage([] { ConvTranspose2D op(deconv(3, 4, 3, 0, 1)); }) ==
          "ConvTranspose2D stride (vertical) is 0; expected >= 1");
    CHECK(test::thrownMessage([] { ConvTranspose2D op(deconv(3, 4, 3, 2, 0, 2)); }) ==
          "ConvTranspose2D output padding is (2, 2); expected >= 0 and below the stride (2, 2) or the dilation "
          "(1, 1)");
    ConvTranspose2D op(deconv(3, 4, 3, 2, 1));
    cv::Mat y;
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({2, 4, 5, 5}, 1)}, y, Phase::Inference); }) ==
          "ConvTranspose2D input has shape [2, 4, 5, 5]; expected [N, 3, H, W]");
    CHECK(test::thrownMessage([&] { op.forward({test::randomTensor({2, 12}, 1)}, y, Phase::Inference); }) ==
          "ConvTranspose2D input has shape [2, 12]; expected [N, 3, H, W]");
    // Sizes are computed in 64 bits: a huge stride or padding is refused, never wrapped around.
    ConvTranspose2DConfig huge = deconv(3, 4, 3, 2, 1);
    huge.window.strideW = 1 << 30;
    CHECK(test::thrownMessage([&] { ConvTranspose2D(huge).outputShape({{1, 3, 4, 4}}); }) ==
          "ConvTranspose2D output width would be 3221225473; expected 1..2147483647");
    ConvTranspose2DConfig padded = deconv(3, 4, 3, 2, 1);
    padded.window.padTop = padded.window.padBottom = 1 << 30;
    CHECK(test::thrownMessage([&] { ConvTranspose2D(padded).outputShape({{1, 3, 4, 4}}); }) ==
          "ConvTranspose2D output height would be -2147483639; expected 1..2147483647");
}

TEST_CASE("SubPixelDeconv takes exactly the doubling transposed convolutions") {
    CHECK(SubPixelDeconv::applies(deconv(4, 4, 4, 2, 1)));
    CHECK(SubPixelDeconv::applies(deconv(4, 4, 2, 2, 0)));
    CHECK(SubPixelDeconv::applies(deconv(4, 4, 6, 2, 2)));
    CHECK_FALSE(SubPixelDeconv::applies(deconv(4, 4, 3, 2, 1, 1)));  // odd kernel
    CHECK_FALSE(SubPixelDeconv::applies(deconv(4, 4, 4, 2, 0)));     // 2H + 2
    CHECK_FALSE(SubPixelDeconv::applies(deconv(4, 4, 4, 1, 1)));     // stride 1
    ConvTranspose2DConfig grouped = deconv(4, 4, 4, 2, 1);
    grouped.groups = 2;
    CHECK_FALSE(SubPixelDeconv::applies(grouped));
}
