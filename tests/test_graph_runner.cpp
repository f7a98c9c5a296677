// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// GraphRunner (the image filters' executor) against the same model run through cv::dnn.
#include <doctest/doctest.h>

#include <aecv/aecv.hpp>

#include <opencv2/imgproc.hpp>

#include "filters/graph_runner.hpp"
#include "model/graph.hpp"
#include "model/split.hpp"
#include "models.hpp"
#include "presets.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

// The model through cv::dnn: float BGR in [0, 1] (and a noise-level map of `level`, for a model
// with 4 input channels) -> float BGR, clipped to [0, 1].
cv::Mat throughNet(const model::Model& m, const cv::Mat& bgr, float level = 0.f) {
    test::RegisteredLayers registered;
    cv::dnn::Net net = model::loadNet(m);
    cv::Mat blob = cv::dnn::blobFromImage(bgr);
    if (m.inputShape[1] == 4) {
        const int shape[] = {1, 4, bgr.rows, bgr.cols};
        cv::Mat withMap(4, shape, CV_32F, cv::Scalar(level));
        std::copy(blob.ptr<float>(), blob.ptr<float>() + blob.total(), withMap.ptr<float>());
        blob = withMap;
    }
    net.setInput(blob);
    const cv::Mat out = net.forward();
    std::vector<cv::Mat> planes;
    for (int c = 0; c < 3; ++c) planes.emplace_back(bgr.rows, bgr.cols, CV_32F, const_cast<float*>(out.ptr<float>(0, c)));
    cv::Mat merged;
    cv::merge(planes, merged);
    return cv::max(cv::min(merged, 1.0), 0.0);
}

cv::Mat photo(int rows, int cols, int type, uint64_t seed) {
    cv::Mat m(rows, cols, type);
    cv::RNG rng(seed);
    if (CV_MAT_DEPTH(type) == CV_8U) rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    else rng.fill(m, cv::RNG::UNIFORM, 0.0, 1.0);
    cv::GaussianBlur(m, m, {5, 5}, 1.5);
    return m;
}

model::Model restoreOnly(const std::string& preset) {
    model::Model m = train::makeRecipe(preset, 3).model;
    m.outputs = {m.outputs.front()};
    return m;
}

}  // namespace

TEST_CASE("GraphRunner runs the image presets as cv::dnn does, from float and 8-bit pixels") {
    for (const char* preset : {"image-denoise", "reference-denoiser"}) {
        CAPTURE(preset);
        const model::Model m = restoreOnly(preset);
        REQUIRE(filters::GraphRunner::supports(m));
        filters::GraphRunner runner(m);
        const cv::Mat bgr = photo(48, 80, CV_32FC3, 4);
        const float level = 20.f / 255;  // the denoiser's map (other presets ignore it)
        const cv::Mat expected = throughNet(m, bgr, level);
        cv::Mat out(bgr.size(), CV_32FC3);
        runner.run(bgr, cv::Rect(0, 0, 80, 48), out, level);
        CHECK(test::maxAbsDiff(out.reshape(1), expected.reshape(1)) <= 1e-5);

        // 8-bit pixels in and out: the float result rounded and saturated.
        const cv::Mat bytes = photo(48, 80, CV_8UC3, 5);
        cv::Mat asFloat, expected8, out8(bytes.size(), CV_8UC3);
        bytes.convertTo(asFloat, CV_32F, 1.0 / 255);
        throughNet(m, asFloat, level).convertTo(expected8, CV_8U, 255.0);
        runner.run(bytes, cv::Rect(0, 0, 80, 48), out8, level);
        CHECK(cv::norm(out8, expected8, cv::NORM_INF) <= 1);

        // A region of the result, written into a view of a larger image.
        cv::Mat canvas(60, 100, CV_8UC3, cv::Scalar::all(7));
        cv::Mat view = canvas(cv::Rect(10, 5, 40, 24));
        runner.run(bytes, cv::Rect(16, 8, 40, 24), view, level);
        CHECK(cv::norm(view, out8(cv::Rect(16, 8, 40, 24)), cv::NORM_INF) == 0);
        CHECK(canvas.at<cv::Vec3b>(0, 0) == cv::Vec3b(7, 7, 7));  // nothing written outside
        // The input may be a view too (a tile of a larger image).
        const cv::Mat big = photo(96, 160, CV_8UC3, 6);
        cv::Mat fromView(24, 40, CV_8UC3), fromCopy(24, 40, CV_8UC3);
        runner.run(big(cv::Rect(8, 16, 80, 48)), cv::Rect(0, 0, 40, 24), fromView);
        runner.run(big(cv::Rect(8, 16, 80, 48)).clone(), cv::Rect(0, 0, 40, 24), fromCopy);
        CHECK(cv::norm(fromView, fromCopy, cv::NORM_INF) == 0);
        if (m.inputShape[1] == 4) {  // the level map is an input: another level, another result
            cv::Mat other(bgr.size(), CV_32FC3);
            runner.run(bgr, cv::Rect(0, 0, 80, 48), other, 40.f / 255);
            CHECK(test::maxAbsDiff(other.reshape(1), throughNet(m, bgr, 40.f / 255).reshape(1)) <= 1e-5);
            CHECK(test::maxAbsDiff(other.reshape(1), out.reshape(1)) > 1e-4);
        }
    }
}

TEST_CASE("GraphRunner in bf16 stays within bf16 rounding of f32") {
    if (!ops::cpuHasBf16()) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 BF16");
        return;
    }
    const model::Model m = restoreOnly("image-denoise");
    const cv::Mat bgr = photo(64, 64, CV_32FC3, 7);
    cv::Mat f32(bgr.size(), CV_32FC3), bf16(bgr.size(), CV_32FC3);
    filters::GraphRunner(m).run(bgr, cv::Rect(0, 0, 64, 64), f32);
    aecv::setPrecision(aecv::Precision::BF16);
    filters::GraphRunner(m).run(bgr, cv::Rect(0, 0, 64, 64), bf16);
    aecv::setPrecision(aecv::Precision::F32);
    const double diff = test::maxAbsDiff(f32.reshape(1), bf16.reshape(1));
    CAPTURE(diff);
    CHECK(diff > 0);
    CHECK(diff < 3e-2);
}

TEST_CASE("GraphRunner takes only what it can run as one sequence") {
    CHECK_FALSE(filters::GraphRunner::supports(restoreOnly("stacked")));  // Reshape, Dense
    model::Model shared = restoreOnly("reference-denoiser");
    // An activation reading a tensor another node reads too would overwrite it in place.
    shared.nodes.insert(shared.nodes.begin() + 1,
                        model::Node{"Activation", "act", {"input"}, "a", {{"activation", std::string("relu")}}, {}});
    CHECK_FALSE(filters::GraphRunner::supports(shared));
}

TEST_CASE("GraphRunner writes in place only over memory nothing reads afterwards") {
    const model::Model m = test::reuseHazards();
    REQUIRE(filters::GraphRunner::supports(m));
    const cv::Mat bgr = photo(16, 24, CV_32FC3, 8);
    std::vector<cv::Mat> outs;
    filters::GraphRunner(m).runOutputs(bgr, cv::Rect(0, 0, 24, 16), outs);
    REQUIRE(outs.size() == 2);

    test::RegisteredLayers registered;
    cv::dnn::Net net = model::loadNet(m);
    net.setInput(cv::dnn::blobFromImage(bgr));
    std::vector<cv::Mat> expected;
    net.forward(expected, net.getUnconnectedOutLayersNames());
    REQUIRE(expected.size() == 2);
    for (const cv::Mat& e : expected) {
        const int channels = e.size[1];
        const cv::Mat& got = channels == 3 ? outs[0] : outs[1];
        CAPTURE(channels);
        REQUIRE(got.channels() == channels);
        std::vector<cv::Mat> planes;
        for (int c = 0; c < channels; ++c)
            planes.emplace_back(16, 24, CV_32F, const_cast<float*>(e.ptr<float>(0, c)));
        cv::Mat merged;
        cv::merge(planes, merged);
        CHECK(test::maxAbsDiff(got.reshape(1), merged.reshape(1)) <= 1e-5);
    }
}

TEST_CASE("GraphRunner keeps a plan per tile geometry and gets each right when they alternate") {
    const model::Model m = restoreOnly("image-denoise");
    filters::GraphRunner runner(m);
    const cv::Mat big = photo(64, 96, CV_8UC3, 9);
    const cv::Rect tiles[] = {{0, 0, 96, 64}, {0, 0, 48, 32}, {16, 16, 64, 48}};
    std::vector<cv::Mat> first;
    for (const cv::Rect& r : tiles) {
        first.emplace_back(r.size(), CV_8UC3);
        runner.run(big(r), cv::Rect(0, 0, r.width, r.height), first.back(), 10.f / 255);
    }
    for (int round = 0; round < 2; ++round) {
        for (size_t i = 0; i < 3; ++i) {
            const cv::Rect& r = tiles[2 - i];
            cv::Mat again(r.size(), CV_8UC3), fresh(r.size(), CV_8UC3);
            runner.run(big(r), cv::Rect(0, 0, r.width, r.height), again, 10.f / 255);
            filters::GraphRunner(m).run(big(r), cv::Rect(0, 0, r.width, r.height), fresh, 10.f / 255);
            CHECK(cv::norm(again, first[2 - i], cv::NORM_INF) == 0);
            CHECK(cv::norm(again, fresh, cv::NORM_INF) == 0);
        }
    }
    CHECK(runner.plansKept() == 3);
    // Tiles of one size share a plan wherever their core lies (a 1920x1088 frame's two tiles,
    // each 1120x1088 with its core at another place, used to plan again every tile): the same
    // pixels as a runner given that core alone.
    filters::GraphRunner shared(m);
    const cv::Rect cores[] = {{0, 0, 48, 64}, {48, 0, 48, 64}, {16, 8, 32, 32}};
    for (int round = 0; round < 2; ++round)
        for (const cv::Rect& core : cores) {
            cv::Mat part(core.size(), CV_8UC3), fresh(core.size(), CV_8UC3);
            shared.run(big, core, part, 10.f / 255);
            filters::GraphRunner(m).run(big, core, fresh, 10.f / 255);
            CHECK(cv::norm(part, fresh, cv::NORM_INF) == 0);
        }
    CHECK(shared.plansKept() == 1);
    std::vector<cv::Mat> outs;
    shared.runOutputs(big, cores[1], outs, 10.f / 255);
    CHECK(shared.plansKept() == 1);
    REQUIRE(outs.size() == 1);
    cv::Mat bytes;
    outs[0].convertTo(bytes, CV_8UC3, 255.0);
    cv::Mat fresh(cores[1].size(), CV_8UC3);
    filters::GraphRunner(m).run(big, cores[1], fresh, 10.f / 255);
    CHECK(cv::norm(bytes, fresh, cv::NORM_INF) <= 1);
}

TEST_CASE("model::Wiring numbers the tensors as Sequence runs them and names what does not wire") {
    const model::Model m = test::reuseHazards();
    const model::Wiring wiring(m);
    CHECK(wiring.index(m.input) == 0);
    REQUIRE(wiring.inputs.size() == m.nodes.size());
    for (size_t i = 0; i < m.nodes.size(); ++i) {
        CHECK(wiring.index(m.nodes[i].output) == static_cast<int>(i + 1));
        for (size_t k = 0; k < m.nodes[i].inputs.size(); ++k) {
            const int from = wiring.inputs[i][k];
            CHECK(from <= static_cast<int>(i));  // produced before it is read
            CHECK(from == wiring.index(m.nodes[i].inputs[k]));
        }
    }
    CHECK(test::thrownMessage([&] { (void)wiring.index("nowhere"); }) == "the graph has no tensor 'nowhere'");
    model::Model early = m;
    early.nodes[0].inputs[0] = m.nodes.back().output;
    CHECK(test::thrownMessage([&] { model::Wiring w(early); }) ==
          "node '" + m.nodes[0].name + "' reads '" + m.nodes.back().output + "', which no earlier node produces");
    model::Model twice = m;
    twice.nodes[1].output = m.nodes[0].output;
    CHECK(test::thrownMessage([&] { model::Wiring w(twice); }) ==
          "node '" + m.nodes[1].name + "' writes '" + m.nodes[0].output + "', which is already written");
}

TEST_CASE("GraphRunner's mask output, a sigmoid on a channel sliced off the head, is cv::dnn's") {
    // The slice is a strided view of the head's 4 channels; the sigmoid runs on a dense copy of it.
    model::Model m = train::makeRecipe("image-watermark", 3).model;
    m.outputs = {m.outputs[0], m.outputs[1]};  // restored, mask (not the code)
    REQUIRE(filters::GraphRunner::supports(m));
    filters::GraphRunner runner(m);
    const cv::Mat bgr = photo(48, 80, CV_32FC3, 4);
    std::vector<cv::Mat> outs;
    runner.runOutputs(bgr, cv::Rect(0, 0, 80, 48), outs);
    REQUIRE(outs.size() == 2);
    REQUIRE(outs[1].type() == CV_32FC1);
    test::RegisteredLayers registered;
    cv::dnn::Net net = model::loadNet(m);
    net.setInput(cv::dnn::blobFromImage(bgr));
    const cv::Mat blob = net.forward(m.outputs[1]);
    const cv::Mat expected(48, 80, CV_32F, const_cast<float*>(blob.ptr<float>()));
    CHECK(test::maxAbsDiff(outs[1], expected) <= 1e-5);
    double low = 0, high = 0;
    cv::minMaxLoc(expected, &low, &high);
    CHECK(high - low > 1e-3);  // a mask that varies, so the comparison means something
    // A region of it: the same values.
    std::vector<cv::Mat> part;
    runner.runOutputs(bgr, cv::Rect(16, 8, 40, 24), part);
    CHECK(test::maxAbsDiff(part[1], expected(cv::Rect(16, 8, 40, 24)).clone()) <= 1e-5);
}
