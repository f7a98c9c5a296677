// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// NarrowConv (convolutions to at most 4 channels at inference) against the plain-loop reference:
// every output channel count, kernel sizes 1..7, asymmetric padding, widths around the 16- and
// 32-pixel vectors, a batch, a fused activation, and input arriving channels-last in a chain.
#include <doctest/doctest.h>

#include "ops/narrow_conv.hpp"
#include "reference.hpp"
#include "support.hpp"

using namespace aecv;
using namespace aecv::ops;

namespace {

Conv2DConfig narrow(int in, int out, int kh, int kw, std::array<int, 4> pad, const char* act) {
    Conv2DConfig c;
    c.inChannels = in;
    c.outChannels = out;
    c.window = Window2d{kh, kw, 1, 1, pad[0], pad[1], pad[2], pad[3]};
    c.activation = Activation::fromName(act);
    return c;
}

}  // namespace

TEST_CASE("NarrowConv matches the reference for every narrow shape, plain and chained") {
    if (!NarrowConv::applies(narrow(32, 3, 3, 3, {1, 1, 1, 1}, "identity"))) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 (NarrowConv is AVX-512 only)");
        return;
    }
    struct Case {
        Conv2DConfig cfg;
        Shape input;
    };
    const Case cases[] = {
        {narrow(32, 3, 3, 3, {1, 1, 1, 1}, "sigmoid"), {1, 32, 9, 37}},   // the reference denoiser's last layer
        {narrow(16, 1, 1, 1, {0, 0, 0, 0}, "identity"), {2, 16, 5, 16}},  // 1x1, exactly one vector
        {narrow(5, 2, 5, 5, {2, 1, 0, 3}, "relu"), {1, 5, 11, 33}},        // asymmetric padding, 33 wide
        {narrow(4, 4, 7, 7, {3, 3, 3, 3}, "tanh"), {1, 4, 8, 64}},         // 7x7, two full vector pairs
        {narrow(16, 3, 3, 3, {1, 1, 1, 1}, "identity"), {1, 16, 3, 5}},   // narrower than a vector
        {narrow(6, 3, 2, 2, {0, 0, 0, 0}, "elu"), {3, 6, 6, 31}},          // even kernel, batch 3
    };
    for (const Case& c : cases) {
        CAPTURE(toString(c.input));
        CAPTURE(c.cfg.outChannels);
        REQUIRE(NarrowConv::applies(c.cfg));
        Conv2D op(c.cfg);
        test::randomizeParams(op, 11);
        const cv::Mat x = test::randomTensor(c.input, 12);
        const cv::Mat expected = test::refConv2d(x, op.weight().value, op.bias().value, c.cfg);
        cv::Mat y;
        op.forward({x}, y, Phase::Inference);
        CHECK(test::maxAbsDiff(y, expected) <= 1e-4);
        cv::Mat trained;
        op.forward({x}, trained, Phase::Training);  // training keeps oneDNN's convolution
        CHECK(test::maxAbsDiff(trained, expected) <= 1e-4);

        // In a chain the input arrives channels-last; the output is plain NCHW.
        dnnl::memory::desc nhwc(toDims(c.input), dnnl::memory::data_type::f32, dnnl::memory::format_tag::nhwc);
        dnnl::memory src(nhwc, cpuEngine());
        dnnl::memory plain = wrap(x);
        dnnl::stream& s = cpuStream();
        dnnl::reorder(plain, src).execute(s, plain, src);
        const std::unique_ptr<ChainStep> step = op.chainPrepare({c.input}, {nhwc}, false);
        CHECK(step->output() == plainDesc(shapeOf(expected)));
        const dnnl::memory out = step->run(s, src);
        s.wait();
        const cv::Mat chained(expected.dims, expected.size.p, CV_32F, out.get_data_handle());
        CHECK(test::maxAbsDiff(chained, expected) <= 1e-4);

        // The step belongs to the caller, but weights changed in place reach it: it packs them again.
        op.weight().value *= -0.5;
        op.weightsChanged();
        cv::Mat changed;
        op.forward({x}, changed, Phase::Training);  // oneDNN's convolution, the reference
        step->run(s, src);
        s.wait();
        CHECK(test::maxAbsDiff(changed, expected) > 1e-2);
        CHECK(test::maxAbsDiff(chained, changed) <= 1e-4);
    }
}

TEST_CASE("NarrowConv takes only stride-1, undilated, ungrouped convolutions to at most 4 channels") {
    if (!NarrowConv::applies(narrow(32, 3, 3, 3, {1, 1, 1, 1}, "identity"))) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 (NarrowConv is AVX-512 only)");
        return;
    }
    CHECK_FALSE(NarrowConv::applies(narrow(32, 5, 3, 3, {1, 1, 1, 1}, "identity")));  // 5 channels
    Conv2DConfig strided = narrow(32, 3, 3, 3, {1, 1, 1, 1}, "identity");
    strided.window.strideW = 2;
    CHECK_FALSE(NarrowConv::applies(strided));
    Conv2DConfig dilated = narrow(32, 3, 3, 3, {1, 1, 1, 1}, "identity");
    dilated.window.dilationH = 2;
    CHECK_FALSE(NarrowConv::applies(dilated));
    CHECK_FALSE(NarrowConv::applies(narrow(32, 3, 3, 9, {1, 4, 1, 4}, "identity")));   // kernel wider than 8
    CHECK_FALSE(NarrowConv::applies(narrow(1, 1, 3, 3, {1, 1, 1, 1}, "identity")));    // 9 taps: not worth it
}
