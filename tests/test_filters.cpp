// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Denoiser and WatermarkRemover on ordinary images: types, odd sizes, alpha, tiles, errors.
#include <doctest/doctest.h>

#include <aecv/denoiser.hpp>
#include <aecv/watermark.hpp>

#include <cmath>
#include <limits>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include "filters/image_filter.hpp"
#include "builder.hpp"
#include "models.hpp"
#include "presets.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

// The image-denoise preset's U-Net with its initial (untrained) weights: filters like a trained one.
std::string writeFilterModel(const test::TempDir& dir, const std::string& preset) {
    const std::string path = dir.file(preset + ".onnx");
    test::RegisteredLayers registered;
    model::writeOnnx(train::makeRecipe(preset, 3).model, path);
    return path;
}

// Writes `m` as dir/name.onnx (with aecv's layers registered) and returns the path.
std::string saveModel(const test::TempDir& dir, const std::string& name, const model::Model& m) {
    const std::string path = dir.file(name + ".onnx");
    test::RegisteredLayers registered;
    model::writeOnnx(m, path);
    return path;
}

cv::Mat randomImage(int rows, int cols, int type, uint64_t seed) {
    cv::Mat m(rows, cols, type);
    cv::RNG rng(seed);
    if (CV_MAT_DEPTH(type) == CV_8U) rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    else rng.fill(m, cv::RNG::UNIFORM, 0.0, 1.0);
    cv::GaussianBlur(m, m, {5, 5}, 1.5);  // some structure, like a photo
    return m;
}

}  // namespace

TEST_CASE("Denoiser: every supported type and odd sizes come back as they went in") {
    test::TempDir dir;
    Denoiser denoiser(writeFilterModel(dir, "image-denoise"));
    for (int type : {CV_8UC1, CV_8UC3, CV_8UC4, CV_32FC1, CV_32FC3, CV_32FC4}) {
        CAPTURE(cv::typeToString(type));
        const cv::Mat src = randomImage(37, 53, type, 5);
        cv::Mat dst;
        denoiser.apply(src, dst);
        CHECK(dst.type() == src.type());
        CHECK(dst.size() == src.size());
        if (CV_MAT_CN(type) == 4) {  // alpha passes through untouched
            cv::Mat a, b;
            cv::extractChannel(src, a, 3);
            cv::extractChannel(dst, b, 3);
            CHECK(cv::norm(a, b, cv::NORM_INF) == 0);
        }
        if (CV_MAT_DEPTH(type) == CV_32F) {
            double lo = 0, hi = 0;
            cv::minMaxLoc(dst.reshape(1), &lo, &hi);
            CHECK(lo >= 0.0);
            CHECK(hi <= 1.0);
        }
    }
    // 8-bit and float agree (up to rounding).
    const cv::Mat bytes = randomImage(40, 48, CV_8UC3, 6);
    cv::Mat asFloat, outBytes, outFloat;
    bytes.convertTo(asFloat, CV_32FC3, 1.0 / 255);
    denoiser.apply(bytes, outBytes);
    denoiser.apply(asFloat, outFloat);
    outFloat.convertTo(outFloat, CV_32FC3, 255.0);
    outBytes.convertTo(outBytes, CV_32FC3);
    CHECK(cv::norm(outBytes, outFloat, cv::NORM_INF) <= 0.51);
}

TEST_CASE("Denoiser: tiled output equals the untiled one away from the border") {
    test::TempDir dir;
    const std::string model = writeFilterModel(dir, "image-denoise");
    Denoiser whole(model), tiled(model);
    tiled.setTileSize(64);
    const cv::Mat src = randomImage(301, 257, CV_8UC3, 7);
    cv::Mat a, b;
    whole.apply(src, a);
    tiled.apply(src, b);
    const cv::Rect inner(16, 16, src.cols - 32, src.rows - 32);
    const double diff = cv::norm(a(inner), b(inner), cv::NORM_INF);
    CAPTURE(diff);
    CHECK(diff <= 1.0);  // within 1/255
}

TEST_CASE("image filters reject what they cannot take") {
    test::TempDir dir;
    const std::string denoise = writeFilterModel(dir, "image-denoise");
    Denoiser denoiser(denoise);
    cv::Mat dst;
    CHECK(test::thrownMessage([&] { denoiser.apply(cv::Mat(), dst); }) == "Denoiser::apply: the image is empty");
    CHECK(test::thrownMessage([&] { denoiser.apply(cv::Mat(8, 8, CV_16UC3), dst); }) ==
          "Denoiser::apply: the image has type CV_16UC3; expected CV_8UC1, CV_8UC3, CV_8UC4, or CV_32F with 1, 3 or "
          "4 channels in [0, 1]");
    CHECK(test::thrownMessage([&] { denoiser.apply(cv::Mat(8, 8, CV_8UC2), dst); }).find("has type CV_8UC2") !=
          std::string::npos);
    CHECK(test::thrownMessage([&] { WatermarkRemover remover(denoise); }) ==
          "WatermarkRemover::readModel: '" + denoise + "' is a model for task 'denoise'; expected a 'watermark' model");
    CHECK(test::thrownMessage([&] { denoiser.setTileSize(16); }) == "Denoiser::setTileSize: 16; expected at least 64");
    const std::string watermark = writeFilterModel(dir, "image-watermark");
    WatermarkRemover remover(watermark);
    remover.apply(randomImage(20, 30, CV_8UC3, 8), dst);
    CHECK(dst.size() == cv::Size(30, 20));
    CHECK(test::thrownMessage([&] { Denoiser wrong(watermark); }).find("is a model for task 'watermark'") !=
          std::string::npos);
    model::Model odd = train::makeRecipe("image-denoise", 3).model;
    odd.metadata["size_multiple"] = "eight";
    {
        test::RegisteredLayers registered;
        model::writeOnnx(odd, dir.file("odd.onnx"));
    }
    CHECK(test::thrownMessage([&] { Denoiser bad(dir.file("odd.onnx")); }) ==
          "Denoiser::readModel: '" + dir.file("odd.onnx") + "' has size_multiple 'eight'; expected a whole number "
          "from 1 to 1024");

    // A model cv::dnn runs but an image filter cannot run as one sequence (an activation over the
    // image itself, which the filter does not overwrite): refused, and the filter keeps its model.
    model::Model inPlace = train::makeRecipe("image-denoise", 3).model;
    inPlace.nodes.insert(inPlace.nodes.begin(), model::Node{"Activation", "clip", {inPlace.input}, "clipped",
                                                            {{"activation", std::string("relu")}}, {}});
    for (model::Node& n : inPlace.nodes)
        for (std::string& in : n.inputs)
            if (n.name != "clip" && in == inPlace.input) in = "clipped";
    model::writeOnnx(inPlace, dir.file("in_place.onnx"));
    const cv::Mat image = randomImage(24, 32, CV_8UC3, 4);
    cv::Mat before, after;
    denoiser.setStrength(10);
    denoiser.apply(image, before);
    CHECK(test::thrownMessage([&] { denoiser.readModel(dir.file("in_place.onnx")); }) ==
          "Denoiser::readModel: '" + dir.file("in_place.onnx") + "' has layers an image filter cannot run as one "
          "sequence; expected Conv, ConvTranspose, MaxPool, Upsample, Activation, Slice and Add (run other models "
          "through aecv::readNet)");
    denoiser.apply(image, after);
    CHECK(cv::norm(before, after, cv::NORM_INF) == 0);
}

TEST_CASE("a moved-from filter says so instead of dereferencing null, and readModel() revives it") {
    test::TempDir dir;
    const std::string denoise = writeFilterModel(dir, "image-denoise");
    Denoiser first(denoise);
    CHECK_FALSE(first.empty());
    Denoiser second(std::move(first));
    CHECK(first.empty());  // NOLINT(bugprone-use-after-move): what this test is about
    CHECK_FALSE(second.empty());
    const cv::Mat image = randomImage(24, 32, CV_8UC3, 3);
    cv::Mat dst;
    CHECK(test::thrownMessage([&] { first.apply(image, dst); }) ==
          "Denoiser::apply: this Denoiser has been moved from and holds no model; assign it another Denoiser or call "
          "readModel() first");
    CHECK(test::thrownMessage([&] { first.setStrength(5); }).find("Denoiser::setStrength: this Denoiser has been "
                                                                  "moved from") == 0);
    CHECK(test::thrownMessage([&] { (void)first.lastLevel(); }).find("Denoiser::lastLevel: this Denoiser") == 0);
    first.readModel(denoise);
    first.apply(image, dst);
    CHECK(dst.size() == image.size());
    const std::string watermark = writeFilterModel(dir, "image-watermark");
    WatermarkRemover remover(watermark), taken(std::move(remover));
    CHECK(remover.empty());  // NOLINT(bugprone-use-after-move)
    CHECK(test::thrownMessage([&] { remover.apply(image, dst); }) ==
          "WatermarkRemover::apply: this WatermarkRemover has been moved from and holds no model; assign it another "
          "WatermarkRemover or call readModel() first");
    remover = std::move(taken);
    CHECK_FALSE(remover.empty());
    CHECK(test::thrownMessage([&] { taken.setTileSize(128); }).find("WatermarkRemover::setTileSize: this "
                                                                    "WatermarkRemover has been moved from") == 0);
}

TEST_CASE("Denoiser and WatermarkRemover are one aecv::Filter shape") {
    test::TempDir dir;
    Denoiser denoiser(writeFilterModel(dir, "image-denoise"));
    WatermarkRemover remover(writeFilterModel(dir, "image-watermark"));
    const cv::Mat image = randomImage(40, 56, CV_8UC3, 12);
    for (Filter* f : {static_cast<Filter*>(&denoiser), static_cast<Filter*>(&remover)}) {
        cv::Mat direct, tiled;
        f->apply(image, direct);
        CHECK(direct.size() == image.size());
        CHECK(direct.type() == image.type());
        f->setTileSize(64);  // tiles through the shared code path
        f->apply(randomImage(150, 200, CV_8UC3, 13), tiled);
        CHECK(tiled.size() == cv::Size(200, 150));
        CHECK(test::thrownMessage([&] { f->readModel(dir.file("missing.onnx")); }).find("missing.onnx") !=
              std::string::npos);
        cv::Mat again;
        f->apply(image, again);  // a refused file leaves the model as it was
        CHECK(cv::norm(direct, again, cv::NORM_INF) == 0);
    }
}

TEST_CASE("the shipped denoiser loads by default and removes noise") {
    Denoiser denoiser;  // samples/models/denoise.onnx (or AECV_MODEL_DIR, or the installed one)
    cv::Mat clean(120, 160, CV_8UC3);
    for (int y = 0; y < clean.rows; ++y)
        for (int x = 0; x < clean.cols; ++x) clean.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x), uchar(y * 2), 128);
    cv::circle(clean, {80, 60}, 30, cv::Scalar(20, 200, 240), cv::FILLED, cv::LINE_AA);
    cv::rectangle(clean, {10, 10}, {50, 40}, cv::Scalar(250, 250, 250), cv::FILLED);
    cv::Mat noise(clean.size(), CV_32FC3), noisy, f;
    cv::RNG(4).fill(noise, cv::RNG::NORMAL, 0, 25);
    clean.convertTo(f, CV_32FC3);
    f += noise;
    f.convertTo(noisy, CV_8UC3);
    cv::Mat denoised;
    denoiser.apply(noisy, denoised);
    const double before = cv::PSNR(clean, noisy), after = cv::PSNR(clean, denoised);
    CAPTURE(before);
    CAPTURE(after);
    CHECK(after > before + 6.0);
}

TEST_CASE("the shipped watermark remover loads by default and fades a mark") {
    WatermarkRemover remover;  // samples/models/unwatermark.onnx
    cv::Mat clean(128, 160, CV_8UC3);
    for (int y = 0; y < clean.rows; ++y)
        for (int x = 0; x < clean.cols; ++x) clean.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(40 + x), uchar(y + 60), 90);
    Watermark mark;
    mark.text = "SAMPLE";
    mark.center = {80, 64};
    mark.angle = 20;
    cv::Mat marked, alpha, restored;
    addWatermark(clean, marked, mark, alpha);
    remover.apply(marked, restored);
    const cv::Mat inside = alpha > 0;
    const double before = cv::norm(clean, marked, cv::NORM_L2, inside), after = cv::norm(clean, restored, cv::NORM_L2, inside);
    CAPTURE(before);
    CAPTURE(after);
    CHECK(after < 0.6 * before);
}

namespace {

// The image-watermark-unblend preset's model with its last layer fixed: every pixel's marks are white
// (colour channels' bias 30) with alpha sigmoid(alphaBias) (weights 0); `masked` false drops the
// mask (a full-image remover whose restoration is that white).
std::string writeWatermarkModel(const test::TempDir& dir, const std::string& name, float alphaBias, bool masked = true) {
    model::Model m = train::makeRecipe("image-watermark-unblend", 3).model;
    for (model::Node& n : m.nodes)
        if (n.name == "residual") {
            cv::Mat& w = n.weights[0];  // [32, 4, 2, 2]
            w.setTo(0);
            float* bias = n.weights[1].ptr<float>();
            std::fill_n(bias, 3, 30.f);
            bias[3] = alphaBias;
        }
    if (!masked) m.metadata.erase("mask");
    return saveModel(dir, name, m);
}

// `t` blended with white at alpha 1/2, as a mark is drawn: (t + 1) / 2, in t's type.
cv::Mat halfWhite(const cv::Mat& t) {
    cv::Mat marked;
    t.convertTo(marked, t.type(), 0.5, CV_MAT_DEPTH(t.type()) == CV_8U ? 127.5 : 0.5);
    return marked;
}

}  // namespace

TEST_CASE("WatermarkRemover unblends (input - a c) / (1 - a): alpha 0 keeps every pixel, a white mark at 1/2 comes off") {
    test::TempDir dir;
    WatermarkRemover none(writeWatermarkModel(dir, "none", -30.f)), half(writeWatermarkModel(dir, "half", 0.f)),
        full(writeWatermarkModel(dir, "full", 30.f, false));
    CHECK(none.hasMask());
    CHECK_FALSE(full.hasMask());
    for (int type : {CV_8UC3, CV_8UC1, CV_8UC4, CV_32FC3}) {
        CAPTURE(cv::typeToString(type));
        const bool bytes = CV_MAT_DEPTH(type) == CV_8U;
        const cv::Mat picture = randomImage(45, 70, type, 21), src = halfWhite(picture);
        cv::Mat kept, mask, restored;
        none.apply(src, kept, mask);
        CHECK(cv::norm(kept, src, cv::NORM_INF) <= (bytes ? 0.0 : 1e-6));
        CHECK(mask.type() == (bytes ? CV_8UC1 : CV_32FC1));
        CHECK(mask.size() == src.size());
        CHECK(cv::norm(mask, cv::NORM_INF) <= 1e-6);
        half.apply(src, restored, mask);
        cv::Mat colour = restored, truth = picture;  // alpha (CV_8UC4) passes through; compare the colours
        if (type == CV_8UC4) {
            cv::cvtColor(restored, colour, cv::COLOR_BGRA2BGR);
            cv::cvtColor(picture, truth, cv::COLOR_BGRA2BGR);
            cv::Mat alphaOut, alphaIn;
            cv::extractChannel(restored, alphaOut, 3);
            cv::extractChannel(src, alphaIn, 3);
            CHECK(cv::norm(alphaOut, alphaIn, cv::NORM_INF) == 0);
        }
        // 8-bit: the marked picture was rounded to a level, which unblending doubles
        CHECK(cv::norm(colour, truth, cv::NORM_INF) <= (bytes ? 2.0 : 1e-5));
        CHECK(cv::countNonZero(mask != (bytes ? 255 : 1)) == 0);
    }
    // tiles compose like the whole image
    const cv::Mat big = halfWhite(randomImage(300, 420, CV_8UC3, 22));
    cv::Mat whole, tiled;
    half.apply(big, whole);
    half.setTileSize(128);
    half.apply(big, tiled);
    CHECK(cv::norm(whole, tiled, cv::NORM_INF) == 0);
    // the ramp: an alpha of 1/2 below its low end leaves the picture alone
    half.setMaskRamp(0.6, 0.9);
    half.apply(big, tiled);
    CHECK(cv::norm(tiled, big, cv::NORM_INF) == 0);
}

namespace {

// The image-watermark preset's model (restored picture and mark probability) with its head fixed:
// the correction is `correction` everywhere, the mark probability sigmoid(maskBias).
std::string writeDetectingModel(const test::TempDir& dir, const std::string& name, float correction, float maskBias,
                                const std::string& ramp = "") {
    model::Model m = train::makeRecipe("image-watermark", 3).model;
    for (model::Node& n : m.nodes)
        if (n.name == "head") {
            n.weights[0].setTo(0);  // [4, 16, 3, 3]
            float* bias = n.weights[1].ptr<float>();
            std::fill_n(bias, 3, correction);
            bias[3] = maskBias;
        }
    if (!ramp.empty()) m.metadata["mask_ramp"] = ramp;
    return saveModel(dir, name, m);
}

// An inpainter (preset image-inpaint's metadata) whose restoration is the input plus 0.2 times the
// mask it is given: what comes out shows the mask reached the model as its 4th channel.
std::string writeInpaintingModel(const test::TempDir& dir, const std::string& name) {
    model::Model m;
    m.inputShape = {1, 4, 16, 16};
    {
        train::ModelBuilder b(m, 3);
        const std::string correction = b.conv("correction", "input", 4, 3, 1, 1, "same", "identity");
        b.add("recon", correction, b.slice("image", "input", 0, 3));
    }
    m.outputs = {"recon"};
    for (model::Node& n : m.nodes)
        if (n.name == "correction") {
            n.weights[0].setTo(0);  // [3, 4, 1, 1]
            n.weights[1].setTo(0);
            for (int c = 0; c < 3; ++c) n.weights[0].ptr<float>()[c * 4 + 3] = 0.2f;
        }
    m.metadata = {{"task", "watermark"}, {"mask_input", "channel 3"}, {"size_multiple", "16"}};
    return saveModel(dir, name, m);
}

}  // namespace

TEST_CASE("an inpainting model is told the caller's mask and restores there; apply() without one is refused") {
    test::TempDir dir;
    WatermarkRemover inpainter(writeInpaintingModel(dir, "inpainter"));
    CHECK(inpainter.takesMask());
    CHECK_FALSE(inpainter.hasMask());
    const cv::Mat src = randomImage(45, 70, CV_8UC3, 41);
    cv::Mat where = cv::Mat::zeros(src.size(), CV_8UC1), painted, expected;
    where(cv::Rect(30, 5, 25, 30)).setTo(255);
    inpainter.inpaint(src, where, painted);
    // output = input + m (restored - input) = input + 0.2 m^2: +51 where set, the input elsewhere
    cv::Mat shifted;
    src.convertTo(shifted, CV_8UC3, 1.0, 51.0);
    shifted.copyTo(expected = src.clone(), where);
    CHECK(cv::norm(painted, expected, cv::NORM_INF) <= 1);
    cv::Mat half(src.size(), CV_32FC1, cv::Scalar(0.5));  // m = 1/2: +0.05 (12.75 of 255)
    inpainter.inpaint(src, half, painted);
    src.convertTo(expected, CV_8UC3, 1.0, 12.75);
    CHECK(cv::norm(painted, expected, cv::NORM_INF) <= 1);
    // tiled: a mask on a large image reaches every tile
    inpainter.setTileSize(64);
    const cv::Mat large = randomImage(150, 230, CV_8UC3, 42);
    cv::Mat all(large.size(), CV_8UC1, cv::Scalar(255));
    inpainter.inpaint(large, all, painted);
    large.convertTo(expected, CV_8UC3, 1.0, 51.0);
    CHECK(cv::norm(painted, expected, cv::NORM_INF) <= 1);
    cv::Mat dst, found;
    CHECK(test::thrownMessage([&] { inpainter.apply(src, dst); }) ==
          "WatermarkRemover::apply: the model is an inpainter (it restores where it is told); give it the mask: "
          "inpaint(src, mask, dst)");
    CHECK(test::thrownMessage([&] { inpainter.inpaint(src, cv::Mat(), dst); }) ==
          "WatermarkRemover::inpaint: the mask is empty; expected CV_8UC1 or CV_32FC1 of the image's size, 70x45");
    CHECK(test::thrownMessage([&] { inpainter.apply(src, dst, found); }) ==
          "WatermarkRemover::apply: this model has no mask output (it repaints the whole picture); a mask needs a model "
          "like the shipped one, or call apply(src, dst)");
    // mask_input on a 3-channel model is refused by name
    model::Model wrong = train::makeRecipe("image-watermark-unblend", 3).model;
    wrong.metadata["mask_input"] = "channel 3";
    {
        test::RegisteredLayers registered;
        model::writeOnnx(wrong, dir.file("wrong.onnx"));
    }
    CHECK(test::thrownMessage([&] { WatermarkRemover r(dir.file("wrong.onnx")); }) ==
          "WatermarkRemover::readModel: '" + dir.file("wrong.onnx") + "' has mask_input but takes 3 channels and has a "
          "mask output; an inpainting model takes 4 (BGR and the mask; 7 with a fill) and has no mask output");
}

TEST_CASE("a detecting remover keeps the input where it finds no mark and takes its restoration where it does") {
    test::TempDir dir;
    const float shift = 0.2f;  // restored = input + 0.2 (51 of 255)
    WatermarkRemover none(writeDetectingModel(dir, "none", shift, -30.f)), all(writeDetectingModel(dir, "all", shift, 30.f)),
        half(writeDetectingModel(dir, "half", shift, 0.f, "0.25,0.75"));  // p = 1/2: weight 1/2
    CHECK(none.hasMask());
    const cv::Mat src = randomImage(45, 70, CV_8UC3, 31);
    cv::Mat kept, mask, restored, halfway;
    none.apply(src, kept, mask);
    CHECK(cv::norm(kept, src, cv::NORM_INF) == 0);
    CHECK(cv::countNonZero(mask) == 0);
    all.apply(src, restored, mask);
    cv::Mat expected;
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);  // saturated at 255
    CHECK(cv::norm(restored, expected, cv::NORM_INF) <= 1);
    CHECK(cv::countNonZero(mask != 255) == 0);
    half.apply(src, halfway, mask);
    src.convertTo(expected, CV_8UC3, 1.0, 25.5);
    CHECK(cv::norm(halfway, expected, cv::NORM_INF) <= 1);
    CHECK(cv::countNonZero(cv::abs(mask - 128) > 1) == 0);
    // the caller's mask replaces the model's: restored where it is set, whatever the model found
    cv::Mat where = cv::Mat::zeros(src.size(), CV_8UC1), painted;
    where(cv::Rect(35, 0, 35, 45)).setTo(255);
    none.inpaint(src, where, painted);
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);
    const cv::Rect left(0, 0, 35, 45), right(35, 0, 35, 45);
    CHECK(cv::norm(painted(left), src(left), cv::NORM_INF) == 0);
    CHECK(cv::norm(painted(right), expected(right), cv::NORM_INF) <= 1);
    // the model's ramp is its default; setMaskRamp overrides it
    half.setMaskRamp(0.6, 0.9);
    half.apply(src, halfway);
    CHECK(cv::norm(halfway, src, cv::NORM_INF) == 0);
    // a ramp or composition the filter does not know is refused by name
    const std::string badRamp = writeDetectingModel(dir, "bad_ramp", shift, 0.f, "0.7,0.2");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(badRamp); }) ==
          "WatermarkRemover::readModel: '" + badRamp + "' has mask_ramp '0.7,0.2'; expected 'low,high' with 0 <= low < "
          "high <= 1");
    model::Model odd = model::readOnnx(writeDetectingModel(dir, "odd", shift, 0.f));
    odd.metadata["compose"] = "paint";
    {
        test::RegisteredLayers registered;
        model::writeOnnx(odd, dir.file("odd.onnx"));
    }
    CHECK(test::thrownMessage([&] { WatermarkRemover r(dir.file("odd.onnx")); }) ==
          "WatermarkRemover::readModel: '" + dir.file("odd.onnx") + "' has compose 'paint'; expected 'blend' (or no "
          "compose: unblending)");
}

namespace {

// A detector that hands its marks to an inpainter (metadata restore_with): it calls a pixel marked
// where its red is above 1/2 (mask = sigmoid(40 (R - 1/2))) and restores nothing itself.
std::string writeRedDetector(const test::TempDir& dir, const std::string& name, const std::string& restoreWith,
                             const std::string& grow = "") {
    model::Model m;
    m.inputShape = {1, 3, 16, 16};
    {
        train::ModelBuilder b(m, 4);
        const std::string x = b.conv("head", "input", 3, 4, 1, 1, "same", "identity");
        b.add("restored", b.slice("correction", x, 0, 3), "input");
        b.activation("mask", b.slice("mask_logit", x, 3, 4), "sigmoid");
    }
    m.outputs = {"restored", "mask"};
    for (model::Node& n : m.nodes)
        if (n.name == "head") {
            n.weights[0].setTo(0);  // [4, 3, 1, 1]
            n.weights[1].setTo(0);
            n.weights[0].ptr<float>()[3 * 3 + 2] = 40.f;  // mask logit: 40 R - 20
            n.weights[1].ptr<float>()[3] = -20.f;
        }
    m.metadata = {{"task", "watermark"}, {"mask", "mask"}, {"compose", "blend"}, {"size_multiple", "16"},
                  {"mask_ramp", "0.5,0.6"}, {"restore_with", restoreWith}};
    if (!grow.empty()) m.metadata["restore_grow"] = grow;
    return saveModel(dir, name, m);
}

}  // namespace

TEST_CASE("a detector with restore_with finds the marks and its inpainter restores there alone") {
    test::TempDir dir;
    writeInpaintingModel(dir, "inpainter");  // restores to input + 51 (of 255) where told
    WatermarkRemover grown(writeRedDetector(dir, "grown", "inpainter.onnx")),
        exact(writeRedDetector(dir, "exact", "inpainter.onnx", "0"));
    CHECK(grown.hasMask());
    CHECK_FALSE(grown.takesMask());
    cv::Mat src = randomImage(45, 70, CV_8UC3, 51);
    src.forEach<cv::Vec3b>([](cv::Vec3b& p, const int*) { p[2] = static_cast<uchar>(p[2] / 3); });  // red < 86
    const cv::Rect mark(20, 10, 12, 9);
    src(mark).setTo(cv::Scalar(10, 20, 230));
    cv::Mat out, found, expected;
    exact.apply(src, out, found);
    cv::Mat truth = cv::Mat::zeros(src.size(), CV_8UC1);
    truth(mark).setTo(255);
    CHECK(cv::norm(found, truth, cv::NORM_INF) == 0);
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);  // the inpainter's +51 inside the mark ...
    src.copyTo(expected, ~truth);                 // ... and every other pixel exactly as it came
    CHECK(cv::norm(out, expected, cv::NORM_INF) <= 1);
    CHECK(cv::norm(out, src, cv::NORM_INF, ~truth) == 0);
    // restore_grow (default 2): the mask grown by 2 pixels, as users paint marks generously
    grown.apply(src, out, found);
    cv::Mat wider;
    cv::dilate(truth, wider, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));
    CHECK(cv::norm(found, wider, cv::NORM_INF) == 0);
    CHECK(cv::countNonZero(found) > cv::countNonZero(truth) + 40);
    CHECK(cv::norm(out, src, cv::NORM_INF, ~wider) == 0);
    // no mark found: the picture comes back untouched, and the mask is empty
    const cv::Mat clean = randomImage(45, 70, CV_8UC3, 52).mul(cv::Scalar(1, 1, 0.3));
    grown.apply(clean, out, found);
    CHECK(cv::norm(out, clean, cv::NORM_INF) == 0);
    CHECK(cv::countNonZero(found) == 0);
    // float images: the mask in [0, 1]
    cv::Mat srcF, outF, foundF;
    src.convertTo(srcF, CV_32FC3, 1.0 / 255);
    exact.apply(srcF, outF, foundF);
    CHECK(foundF.type() == CV_32FC1);
    cv::Mat truthF;
    truth.convertTo(truthF, CV_32F, 1.0 / 255);
    CHECK(cv::norm(foundF, truthF, cv::NORM_INF) == 0);
    // tiled like the whole image
    cv::Mat big = randomImage(150, 230, CV_8UC3, 53).mul(cv::Scalar(1, 1, 0.3)), whole, tiled;
    big(cv::Rect(100, 60, 40, 30)).setTo(cv::Scalar(0, 0, 255));
    grown.apply(big, whole);
    grown.setTileSize(64);
    grown.apply(big, tiled);
    CHECK(cv::norm(whole, tiled, cv::NORM_INF) == 0);
    CHECK(cv::norm(whole, big, cv::NORM_INF) > 40);
    // a caller's mask goes straight to the inpainter
    cv::Mat where = cv::Mat::zeros(src.size(), CV_8UC1);
    where(cv::Rect(0, 0, 10, 10)).setTo(255);
    exact.inpaint(src, where, out);
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);
    src.copyTo(expected, ~where);
    CHECK(cv::norm(out, expected, cv::NORM_INF) <= 1);
    // a restorer that is not an inpainter, a missing file and a bad grow are refused by name
    const std::string self = writeRedDetector(dir, "self", "self.onnx");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(self); }) ==
          "WatermarkRemover::readModel: '" + self + "' has restore_with but is itself a restorer; only a model that "
          "finds the marks can hand them to an inpainter");
    writeDetectingModel(dir, "plain", 0.2f, 0.f);
    const std::string notInpainter = writeRedDetector(dir, "not", "plain.onnx");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(notInpainter); }) ==
          "WatermarkRemover::readModel: '" + notInpainter + "' restores with '" + dir.file("plain.onnx") +
          "', which is not an inpainting model (metadata mask_input)");
    const std::string missing = writeRedDetector(dir, "missing", "nowhere.onnx");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(missing); }).find(dir.file("nowhere.onnx")) != std::string::npos);
    const std::string badGrow = writeRedDetector(dir, "bad_grow", "inpainter.onnx", "3.5");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(badGrow); }) ==
          "WatermarkRemover::readModel: '" + badGrow + "' has restore_grow '3.5'; expected a whole number of pixels "
          "from 0 to 32");
}

namespace {

// A remover without a mask that changes only bluish pixels: restored = input + relu(40 B - 20) in
// every channel (clipped to [0, 1] on the way out), so its change is large where blue > 1/2 and
// nothing elsewhere.
std::string writeBlueRemover(const test::TempDir& dir, const std::string& name) {
    model::Model m;
    m.inputShape = {1, 3, 16, 16};
    {
        train::ModelBuilder b(m, 5);
        b.add("restored", b.conv("head", "input", 3, 3, 1, 1, "same", "relu"), "input");
    }
    m.outputs = {"restored"};
    for (model::Node& n : m.nodes)
        if (n.name == "head") {
            n.weights[0].setTo(0);  // [3, 3, 1, 1]
            float* w = n.weights[0].ptr<float>();
            float* bias = n.weights[1].ptr<float>();
            for (int c = 0; c < 3; ++c) w[3 * c + 0] = 40.f, bias[c] = -20.f;
        }
    m.metadata = {{"task", "watermark"}, {"size_multiple", "16"}};
    return saveModel(dir, name, m);
}

}  // namespace

TEST_CASE("a detector with confirm_with restores only the marks a remover without a mask also changes") {
    test::TempDir dir;
    writeInpaintingModel(dir, "inpainter");  // +51 (of 255) where told
    writeBlueRemover(dir, "blue");
    const auto detector = [&](const std::string& name, const std::string& confirmWith, bool restore = true) {
        model::Model m = model::readOnnx(writeRedDetector(dir, name, "inpainter.onnx"));
        if (!restore) m.metadata.erase("restore_with");
        m.metadata["confirm_with"] = confirmWith;
        return saveModel(dir, name, m);
    };
    WatermarkRemover confirmed(detector("confirmed", "blue.onnx"));
    cv::Mat src = randomImage(45, 70, CV_8UC3, 54);
    src = src.mul(cv::Scalar(0.3, 1, 0.3));  // blue < 77, red < 77: neither model fires
    const cv::Rect both(8, 8, 12, 9), redOnly(45, 25, 12, 9);
    src(both).setTo(cv::Scalar(230, 20, 230));    // red (the detector) and blue (the remover)
    src(redOnly).setTo(cv::Scalar(10, 20, 230));  // red alone: the remover does not confirm it
    cv::Mat out, found, expected;
    confirmed.apply(src, out, found);
    cv::Mat truth = cv::Mat::zeros(src.size(), CV_8UC1);
    truth(both).setTo(255);
    cv::dilate(truth, truth, cv::getStructuringElement(cv::MORPH_ELLIPSE, {5, 5}));  // grown by 2, as restore_grow
    CHECK(cv::norm(found, truth, cv::NORM_INF) == 0);
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);  // the inpainter's +51 there ...
    src.copyTo(expected, ~truth);                 // ... and every other pixel as it came, the red-only mark too
    CHECK(cv::norm(out, expected, cv::NORM_INF) <= 1);
    CHECK(cv::norm(out(redOnly), src(redOnly), cv::NORM_INF) == 0);
    // in place: the same
    cv::Mat inPlace = src.clone();
    confirmed.apply(inPlace, inPlace);
    CHECK(cv::norm(inPlace, out, cv::NORM_INF) == 0);
    // without the second opinion both marks are restored
    WatermarkRemover alone(writeRedDetector(dir, "alone", "inpainter.onnx"));
    alone.apply(src, out, found);
    CHECK(cv::countNonZero(found(redOnly)) == redOnly.area());
    // tiled like the whole image
    cv::Mat whole, tiled;
    confirmed.apply(src, whole);
    confirmed.setTileSize(64);
    confirmed.apply(src, tiled);
    CHECK(cv::norm(whole, tiled, cv::NORM_INF) == 0);
    // confirm_with without restore_with, and a confirmer with a mask, are refused by name
    const std::string lone = detector("lone", "blue.onnx", false);
    CHECK(test::thrownMessage([&] { WatermarkRemover r(lone); }) ==
          "WatermarkRemover::readModel: '" + lone + "' has confirm_with but no restore_with; a second opinion on the "
          "marks needs an inpainter to restore them");
    writeDetectingModel(dir, "masked", 0.2f, 0.f);
    const std::string byMasked = detector("by_masked", "masked.onnx");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(byMasked); }) ==
          "WatermarkRemover::readModel: '" + byMasked + "' confirms its marks with '" + dir.file("masked.onnx") +
          "', which is not a remover without a mask (3 input channels, no mask output, no mask input)");
    const std::string byInpainter = detector("by_inpainter", "inpainter.onnx");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(byInpainter); }).find("which is not a remover without a mask") !=
          std::string::npos);
}

TEST_CASE("a detector with confirm_within restores only the marks on which the two restorations agree") {
    test::TempDir dir;
    writeInpaintingModel(dir, "inpainter");  // +51 (of 255) where told
    writeBlueRemover(dir, "blue");           // + relu(40 B - 20) in every channel
    const auto detector = [&](const std::string& name, const std::string& within, bool confirm = true) {
        model::Model m = model::readOnnx(writeRedDetector(dir, name, "inpainter.onnx", "0"));
        if (confirm) m.metadata["confirm_with"] = "blue.onnx";
        if (!within.empty()) m.metadata["confirm_within"] = within;
        return saveModel(dir, name, m);
    };
    cv::Mat src = randomImage(60, 200, CV_8UC3, 55);
    src = src.mul(cv::Scalar(0.3, 1, 0.3));  // blue < 77, red < 77: neither model fires
    // Every mark is red (found) and bluish (confirmed). On an agreeing one the remover adds
    // 40 * 129 / 255 - 20 = 0.24 (60 of 255): (189, 80, 255) against the inpainter's (180, 71, 255),
    // 18 apart for a change of 127: a share of 0.14. On a disputed one it saturates to white
    // (255, 255, 255) against (251, 71, 255): 188 apart for the same 127, a share of 1.48.
    // `agreed` and `disputed` are 20 pixels apart (in one box, but two marks); the two halves of
    // `word` 4 pixels apart: one mark, judged whole (a share of (18 + 188) / (2 * 127) = 0.81),
    // and, refused whole, each half alone within 3/4 of the share: the agreeing half passes.
    const cv::Rect agreed(8, 8, 12, 9), disputed(40, 8, 12, 9), wordAgreed(100, 35, 12, 9), wordDisputed(116, 35, 12, 9);
    for (const cv::Rect& r : {agreed, wordAgreed}) src(r).setTo(cv::Scalar(129, 20, 230));
    for (const cv::Rect& r : {disputed, wordDisputed}) src(r).setTo(cv::Scalar(200, 20, 230));
    cv::Mat out, found, expected;
    WatermarkRemover strict(detector("strict", "0.5"));
    strict.apply(src, out, found);
    cv::Mat truth = cv::Mat::zeros(src.size(), CV_8UC1);
    truth(agreed).setTo(255);
    truth(wordAgreed).setTo(255);
    CHECK(cv::norm(found, truth, cv::NORM_INF) == 0);  // the disputed marks are not in the mask either
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);
    src.copyTo(expected, ~truth);
    CHECK(cv::norm(out, expected, cv::NORM_INF) <= 1);
    CHECK(cv::norm(out(disputed), src(disputed), cv::NORM_INF) == 0);
    CHECK(cv::norm(out(wordDisputed), src(wordDisputed), cv::NORM_INF) == 0);
    // a share of 1.48 passes no share in (0, 1], the word's 0.81 passes 1; without confirm_within
    // every mark is restored
    WatermarkRemover lenient(detector("lenient", "1")), unasked(detector("unasked", ""));
    lenient.apply(src, out, found);
    CHECK(cv::countNonZero(found) == agreed.area() + wordAgreed.area() + wordDisputed.area());
    CHECK(cv::countNonZero(found(disputed)) == 0);
    unasked.apply(src, out, found);
    CHECK(cv::countNonZero(found) == 4 * agreed.area());
    // setConfirmWithin overrides the model's share (and asks for the test where it had none)
    const auto foundAt = [&](WatermarkRemover& remover, double share) {
        remover.setConfirmWithin(share);
        cv::Mat mask;
        remover.apply(src, out, mask);
        return mask;
    };
    cv::Mat lenientFound;
    lenient.apply(src, out, lenientFound);
    CHECK(cv::norm(foundAt(strict, 1.0), lenientFound, cv::NORM_INF) == 0);
    CHECK(cv::norm(foundAt(strict, 0.5), truth, cv::NORM_INF) == 0);
    CHECK(cv::norm(foundAt(unasked, 0.5), truth, cv::NORM_INF) == 0);
    // a part alone must agree within 3/4 of the share: the word's agreeing half (0.14) passes
    // alone at 0.2 (0.15), not at 0.15 (0.1125), where the lone agreeing mark (0.14) still does
    cv::Mat onlyAgreed = cv::Mat::zeros(src.size(), CV_8UC1);
    onlyAgreed(agreed).setTo(255);
    CHECK(cv::norm(foundAt(strict, 0.15), onlyAgreed, cv::NORM_INF) == 0);
    CHECK(cv::norm(foundAt(strict, 0.2), truth, cv::NORM_INF) == 0);
    strict.setConfirmWithin(0.5);
    for (const double bad : {0.0, -0.5, 1.5, std::nan("")})
        CHECK(test::thrownMessage([&] { strict.setConfirmWithin(bad); }) ==
              cv::format("WatermarkRemover::setConfirmWithin: %g; expected a share in (0, 1]", bad));
    strict.apply(src, out, found);  // a refused share leaves the one set before
    CHECK(cv::norm(found, truth, cv::NORM_INF) == 0);
    WatermarkRemover unconfirmed(writeRedDetector(dir, "unconfirmed", "inpainter.onnx", "0"));
    CHECK(test::thrownMessage([&] { unconfirmed.setConfirmWithin(0.5); }) ==
          "WatermarkRemover::setConfirmWithin: the model has no second opinion on its marks (metadata confirm_with) "
          "for the inpainter's restoration to agree with");
    // in place and tiled: the same
    cv::Mat whole, tiled, inPlace = src.clone();
    strict.apply(src, whole);
    strict.apply(inPlace, inPlace);
    CHECK(cv::norm(inPlace, whole, cv::NORM_INF) == 0);
    strict.setTileSize(64);
    strict.apply(src, tiled);
    CHECK(cv::norm(whole, tiled, cv::NORM_INF) == 0);
    // without a confirmer, or with a share outside (0, 1], refused by name
    const std::string alone = detector("alone", "0.5", false);
    CHECK(test::thrownMessage([&] { WatermarkRemover r(alone); }) ==
          "WatermarkRemover::readModel: '" + alone + "' has confirm_within '0.5' but no confirm_with; only a "
          "confirmer's restoration can agree with the inpainter's");
    for (const std::string bad : {"0", "1.5", "half", "0.4x"}) {
        const std::string file = detector("bad", bad);
        CHECK(test::thrownMessage([&] { WatermarkRemover r(file); }) ==
              "WatermarkRemover::readModel: '" + file + "' has confirm_within '" + bad + "'; expected a share in (0, 1]");
    }
}

TEST_CASE("a detector with detect_scale looks for the marks at that scale and restores them at full size") {
    test::TempDir dir;
    writeInpaintingModel(dir, "inpainter");  // +51 (of 255) where told
    const auto detector = [&](const std::string& name, const std::string& scale) {
        model::Model m = model::readOnnx(writeRedDetector(dir, name, "inpainter.onnx", "0"));
        if (!scale.empty()) m.metadata["detect_scale"] = scale;
        return saveModel(dir, name, m);
    };
    cv::Mat src = randomImage(64, 96, CV_8UC3, 57);
    src = src.mul(cv::Scalar(0.3, 1, 0.3));  // red < 77: nothing found
    // A red square on even coordinates (whole 2x2 blocks at half size) and a red pixel alone,
    // which at half size is averaged with three dark ones: red 0.37 at most, a logit of -5.
    const cv::Rect square(16, 16, 16, 16), speck(51, 41, 1, 1);
    src(square).setTo(cv::Scalar(20, 20, 230));
    src(speck).setTo(cv::Scalar(20, 20, 230));
    cv::Mat out, found, fullOut, fullFound;
    WatermarkRemover full(detector("full", "")), half(detector("half", "0.5"));
    full.apply(src, fullOut, fullFound);
    CHECK(cv::countNonZero(fullFound) == square.area() + 1);  // at full size: both
    half.apply(src, out, found);
    CHECK(cv::countNonZero(found(square)) == square.area());
    CHECK(found.at<uchar>(speck.tl()) == 0);
    // The mask scaled back up (linearly) reaches at most one pixel past the square.
    cv::Mat near = cv::Mat::zeros(src.size(), CV_8UC1);
    near(cv::Rect(15, 15, 18, 18)).setTo(255);
    CHECK(cv::countNonZero(found & ~near) == 0);
    CHECK(cv::countNonZero(found) > square.area());
    cv::Mat expected;
    src.convertTo(expected, CV_8UC3, 1.0, 51.0);  // restored at full size where found ...
    src.copyTo(expected, found == 0);             // ... every other pixel as it came, the speck too
    CHECK(cv::norm(out, expected, cv::NORM_INF) <= 1);
    CHECK(cv::norm(out(speck), src(speck), cv::NORM_INF) == 0);
    // setDetectScale overrides the model's scale, until the next readModel()
    full.setDetectScale(0.5);
    cv::Mat setOut, setFound;
    full.apply(src, setOut, setFound);
    CHECK(cv::norm(setFound, found, cv::NORM_INF) == 0);
    CHECK(cv::norm(setOut, out, cv::NORM_INF) == 0);
    half.setDetectScale(1.0);
    half.apply(src, setOut, setFound);
    CHECK(cv::norm(setFound, fullFound, cv::NORM_INF) == 0);
    CHECK(cv::norm(setOut, fullOut, cv::NORM_INF) == 0);
    for (const double bad : {0.0, 0.2, 1.5, std::nan("")})
        CHECK(test::thrownMessage([&] { half.setDetectScale(bad); }) ==
              cv::format("WatermarkRemover::setDetectScale: %g; expected a scale in [0.25, 1]", bad));
    half.apply(src, setOut, setFound);  // a refused scale leaves the one set before
    CHECK(cv::norm(setFound, fullFound, cv::NORM_INF) == 0);
    // a float picture: the same marks
    cv::Mat srcF, outF, foundF;
    src.convertTo(srcF, CV_32FC3, 1.0 / 255);
    full.apply(srcF, outF, foundF);
    CHECK(cv::countNonZero(foundF > 0) == cv::countNonZero(found));
    // without an inpainter, or with a scale outside [0.25, 1], refused by name
    writeDetectingModel(dir, "masked", 0.2f, 0.f);
    WatermarkRemover masked(dir.file("masked.onnx"));
    CHECK(test::thrownMessage([&] { masked.setDetectScale(0.5); }) ==
          "WatermarkRemover::setDetectScale: the model has no inpainter (metadata restore_with) to restore at full "
          "size the marks found at a smaller one");
    model::Model m = model::readOnnx(dir.file("masked.onnx"));
    m.metadata["detect_scale"] = "0.5";
    const std::string alone = saveModel(dir, "alone", m);
    CHECK(test::thrownMessage([&] { WatermarkRemover r(alone); }) ==
          "WatermarkRemover::readModel: '" + alone + "' has detect_scale '0.5' but no restore_with; only marks an "
          "inpainter restores at full size can be found at a smaller one");
    for (const std::string bad : {"0.2", "1.5", "half", "0.5x", " "}) {
        const std::string file = detector("bad", bad);
        CHECK(test::thrownMessage([&] { WatermarkRemover r(file); }) ==
              "WatermarkRemover::readModel: '" + file + "' has detect_scale '" + bad + "'; expected a scale in [0.25, 1]");
    }
}

TEST_CASE("a detector set to look every n-th frame tries again between looks only what the last look restored") {
    test::TempDir dir;
    writeInpaintingModel(dir, "inpainter");  // +51 (of 255) where told
    writeBlueRemover(dir, "blue");           // + relu(40 B - 20) in every channel
    model::Model m = model::readOnnx(writeRedDetector(dir, "every", "inpainter.onnx", "0"));
    m.metadata["confirm_with"] = "blue.onnx";
    m.metadata["confirm_within"] = "0.5";
    const std::string file = saveModel(dir, "every", m);
    // As in the confirm_within test: red is found, blue 129 is confirmed (agrees), blue 200 is not.
    cv::Mat first = randomImage(60, 200, CV_8UC3, 58);
    first = first.mul(cv::Scalar(0.3, 1, 0.3));  // blue < 77, red < 77: neither model fires
    const cv::Rect agreed(8, 8, 12, 9), disputed(40, 8, 12, 9), fresh(100, 35, 12, 9);
    first(agreed).setTo(cv::Scalar(129, 20, 230));
    first(disputed).setTo(cv::Scalar(200, 20, 230));
    // The next frame: the disputed mark now agrees and a new one appears (a change of 0.3% of the
    // thumbnail's values, far below a cut).
    cv::Mat next = first.clone();
    next(disputed).setTo(cv::Scalar(129, 20, 230));
    next(fresh).setTo(cv::Scalar(129, 20, 230));
    const auto mask = [&](std::initializer_list<cv::Rect> rects) {
        cv::Mat truth = cv::Mat::zeros(first.size(), CV_8UC1);
        for (const cv::Rect& r : rects) truth(r).setTo(255);
        return truth;
    };
    WatermarkRemover video(file), looking(file);
    video.setDetectEvery(3);
    cv::Mat out, found, lookOut, lookFound;
    const auto same = [&](const cv::Mat& frame) {  // video's result is a fresh look's
        video.apply(frame, out, found);
        looking.apply(frame, lookOut, lookFound);
        return cv::norm(out, lookOut, cv::NORM_INF) == 0 && cv::norm(found, lookFound, cv::NORM_INF) == 0;
    };
    CHECK(same(first));  // frame 0 looks
    CHECK(cv::norm(found, mask({agreed}), cv::NORM_INF) == 0);
    for (int frame = 1; frame <= 2; ++frame) {  // frames 1 and 2: the agreed mark alone is tried and restored
        video.apply(next, out, found);
        CHECK(cv::norm(found, mask({agreed}), cv::NORM_INF) == 0);
        cv::Mat expected;
        next.convertTo(expected, CV_8UC3, 1.0, 51.0);
        next.copyTo(expected, ~mask({agreed}));
        CHECK(cv::norm(out, expected, cv::NORM_INF) <= 1);
    }
    looking.apply(next, lookOut, lookFound);  // (a look restores all three)
    CHECK(cv::norm(lookFound, mask({agreed, disputed, fresh}), cv::NORM_INF) == 0);
    CHECK(same(next));  // frame 3 looks again
    // Between looks each frame is still judged on its own: the agreed mark gone (its pixels dark
    // again), the inpainter's +51 there has no second opinion and the frame comes back as it was.
    cv::Mat gone = next.clone();
    first(cv::Rect(150, 8, 12, 9)).copyTo(gone(agreed));
    video.apply(gone, out, found);
    CHECK(cv::countNonZero(found(agreed)) == 0);
    CHECK(cv::norm(out(agreed), gone(agreed), cv::NORM_INF) == 0);
    // A cut (another picture; frame 5), or a frame of another size or type, is looked at at once.
    cv::Mat cut = next.clone();
    cut.setTo(cv::Scalar(20, 20, 20));
    const cv::Rect elsewhere(150, 40, 12, 9);  // where the last look found nothing
    cut(elsewhere).setTo(cv::Scalar(129, 20, 230));
    CHECK(same(cut));
    CHECK(cv::norm(found, mask({elsewhere}), cv::NORM_INF) == 0);
    video.apply(first, out, found);  // a look (a cut back), then a smaller frame
    CHECK(same(next(cv::Rect(0, 0, 160, 48))));
    CHECK(cv::countNonZero(found) == 3 * agreed.area());
    video.apply(first, out, found);  // a look (the size again), then the same size in float
    cv::Mat nextF;
    next.convertTo(nextF, CV_32FC3, 1.0 / 255);
    CHECK(same(nextF));
    // setDetectEvery(1) looks on every call again; bad counts and models without an inpainter
    // are refused by name, leaving the count set before
    video.apply(first, out, found);
    video.setDetectEvery(1);
    CHECK(same(next));
    for (const int bad : {0, -3, 31})
        CHECK(test::thrownMessage([&] { video.setDetectEvery(bad); }) ==
              cv::format("WatermarkRemover::setDetectEvery: %d; expected a number of frames from 1 to 30", bad));
    CHECK(same(first));
    CHECK(same(next));
    writeDetectingModel(dir, "masked", 0.2f, 0.f);
    WatermarkRemover masked(dir.file("masked.onnx"));
    CHECK(test::thrownMessage([&] { masked.setDetectEvery(3); }) ==
          "WatermarkRemover::setDetectEvery: the model has no inpainter (metadata restore_with) to restore, frame by "
          "frame, the marks found on an earlier one");
}

namespace {

// An inpainter over a fill (preset image-inpaint-fill's metadata) whose restoration is the fill
// it is given plus `shift` times the mask: what comes out shows where the fill came from.
std::string writeFillModel(const test::TempDir& dir, const std::string& name, float shift,
                           const std::string& fill = "ns") {
    model::Model m;
    m.inputShape = {1, 7, 16, 16};
    {
        train::ModelBuilder b(m, 5);
        const std::string correction = b.conv("correction", "input", 7, 3, 1, 1, "same", "identity");
        b.add("recon", correction, b.slice("fill", "input", 4, 7));
    }
    m.outputs = {"recon"};
    for (model::Node& n : m.nodes)
        if (n.name == "correction") {
            n.weights[0].setTo(0);  // [3, 7, 1, 1]
            n.weights[1].setTo(0);
            for (int c = 0; c < 3; ++c) n.weights[0].ptr<float>()[c * 7 + 3] = shift;
        }
    m.metadata = {{"task", "watermark"}, {"mask_input", "channel 3"}, {"fill", fill}, {"size_multiple", "16"}};
    return saveModel(dir, name, m);
}

}  // namespace

TEST_CASE("fillNavierStokes is cv::inpaint's Navier-Stokes fill bit for bit, part by part") {
    cv::Mat src = randomImage(120, 200, CV_8UC3, 62);
    cv::GaussianBlur(src, src, {5, 5}, 1.2);  // texture that the fill's order would show
    cv::Mat where = cv::Mat::zeros(src.size(), CV_8UC1);
    cv::putText(where, "aecv 26", {8, 50}, cv::FONT_HERSHEY_SIMPLEX, 1.2, 255, 3);  // letters: parts near each other
    cv::rectangle(where, {120, 70}, {190, 74}, 255, -1);  // an L whose box holds another part
    cv::rectangle(where, {186, 70}, {190, 115}, 255, -1);
    cv::circle(where, {160, 95}, 4, 255, -1);
    where.at<uchar>(100, 40) = 255;                                  // one pixel
    cv::rectangle(where, {0, 110}, {12, 119}, 255, -1);              // at the image's corner
    cv::rectangle(where, {60, 100}, {63, 103}, 255, -1);             // two parts 2 (3 + 1) + 1 pixels apart
    cv::rectangle(where, {73, 100}, {76, 103}, 255, -1);
    cv::Mat expected, filled;
    cv::inpaint(src, where, expected, filters::kFillRadius, cv::INPAINT_NS);
    filters::fillNavierStokes(src, where, filled);
    CHECK(cv::norm(filled, expected, cv::NORM_INF) == 0);
    CHECK(cv::norm(filled, src, cv::NORM_INF, where) > 10);  // (it did fill)
    // an empty mask: the input
    filters::fillNavierStokes(src, cv::Mat::zeros(src.size(), CV_8UC1), filled);
    CHECK(cv::norm(filled, src, cv::NORM_INF) == 0);
}

TEST_CASE("an inpainter over a fill is given cv::inpaint's Navier-Stokes fill of the caller's mask and corrects it") {
    test::TempDir dir;
    WatermarkRemover plain(writeFillModel(dir, "plain", 0.f)), shifted(writeFillModel(dir, "shifted", 0.2f));
    CHECK(plain.takesMask());
    cv::Mat src = randomImage(90, 140, CV_8UC3, 61);
    cv::GaussianBlur(src, src, {9, 9}, 3);
    cv::Mat where = cv::Mat::zeros(src.size(), CV_8UC1);
    cv::putText(where, "aecv", {10, 60}, cv::FONT_HERSHEY_SIMPLEX, 1.5, 255, 4);
    cv::Mat ns, out;
    cv::inpaint(src, where, ns, 3, cv::INPAINT_NS);
    plain.inpaint(src, where, out);
    CHECK(cv::norm(out, ns, cv::NORM_INF, where) <= 1);  // the fill where the mask is set
    CHECK(cv::norm(out, src, cv::NORM_INF, ~where) == 0);  // the input elsewhere
    CHECK(cv::norm(ns, src, cv::NORM_INF, where) > 10);  // (the fill is not the input there)
    shifted.inpaint(src, where, out);
    cv::Mat expected;
    ns.convertTo(expected, CV_8UC3, 1.0, 51.0);
    CHECK(cv::norm(out, expected, cv::NORM_INF, where) <= 1);
    // the fill is of the whole image: tiles see what the whole image gives
    plain.setTileSize(64);
    plain.inpaint(src, where, out);
    CHECK(cv::norm(out, ns, cv::NORM_INF, where) <= 1);
    // float and grey images: the fill of their 8-bit BGR
    cv::Mat grey, greyOut, greyNs;
    cv::cvtColor(src, grey, cv::COLOR_BGR2GRAY);
    plain.inpaint(grey, where, greyOut);
    cv::Mat grey3;
    cv::cvtColor(grey, grey3, cv::COLOR_GRAY2BGR);
    cv::inpaint(grey3, where, greyNs, 3, cv::INPAINT_NS);
    cv::cvtColor(greyNs, greyNs, cv::COLOR_BGR2GRAY);
    CHECK(cv::norm(greyOut, greyNs, cv::NORM_INF, where) <= 1);
    // a fill the filter does not know, or one on a model that takes no mask, is refused by name
    const std::string telea = writeFillModel(dir, "telea", 0.f, "telea");
    CHECK(test::thrownMessage([&] { WatermarkRemover r(telea); }) ==
          "WatermarkRemover::readModel: '" + telea + "' has fill 'telea'; expected 'ns' (cv::inpaint, Navier-Stokes) "
          "on an inpainting model (mask_input)");
    model::Model noMask = model::readOnnx(writeFillModel(dir, "no_mask", 0.f));
    noMask.metadata.erase("mask_input");
    {
        test::RegisteredLayers registered;
        model::writeOnnx(noMask, dir.file("no_mask.onnx"));
    }
    CHECK(test::thrownMessage([&] { WatermarkRemover r(dir.file("no_mask.onnx")); }) ==
          "WatermarkRemover::readModel: '" + dir.file("no_mask.onnx") + "' has fill 'ns' without mask_input; expected "
          "'ns' (cv::inpaint, Navier-Stokes) on an inpainting model (mask_input)");
}

TEST_CASE("WatermarkRemover::inpaint restores exactly where the caller's mask says, and checks the mask") {
    test::TempDir dir;
    WatermarkRemover full(writeWatermarkModel(dir, "full", 30.f, false)), half(writeWatermarkModel(dir, "half", 0.f));
    const cv::Mat picture = randomImage(40, 64, CV_8UC3, 23), src = halfWhite(picture);
    cv::Mat mask = cv::Mat::zeros(src.size(), CV_8UC1), painted;
    mask(cv::Rect(32, 0, 32, 40)).setTo(255);
    const cv::Rect left(0, 0, 32, 40), right(32, 0, 32, 40);
    // a full-image remover: its restoration (white) where the mask is set
    full.inpaint(src, mask, painted);
    CHECK(cv::norm(painted(left), src(left), cv::NORM_INF) == 0);
    CHECK(cv::countNonZero(painted(right).reshape(1) != 255) == 0);
    // a remover with a mask: unblended where the caller's mask is set, whatever its own mask says
    half.setMaskRamp(0.6, 0.9);  // its own alpha (1/2) would leave every pixel
    half.inpaint(src, mask, painted);
    CHECK(cv::norm(painted(left), src(left), cv::NORM_INF) == 0);
    CHECK(cv::norm(painted(right), picture(right), cv::NORM_INF) <= 2);
    cv::Mat halfMask(src.size(), CV_32FC1, cv::Scalar(0.5));  // a float mask blends
    full.inpaint(src, halfMask, painted);
    cv::Mat expected;
    cv::addWeighted(src, 0.5, cv::Mat(src.size(), CV_8UC3, cv::Scalar::all(255)), 0.5, 0.0, expected);
    CHECK(cv::norm(painted, expected, cv::NORM_INF) <= 1);
    cv::Mat dst;
    CHECK(test::thrownMessage([&] { full.inpaint(src, cv::Mat::zeros(10, 12, CV_8UC1), dst); }) ==
          "WatermarkRemover::inpaint: the mask is 12x10 CV_8UC1; expected CV_8UC1 or CV_32FC1 of the image's size, "
          "64x40");
    CHECK(test::thrownMessage([&] { full.inpaint(src, cv::Mat::zeros(40, 64, CV_8UC3), dst); }) ==
          "WatermarkRemover::inpaint: the mask is 64x40 CV_8UC3; expected CV_8UC1 or CV_32FC1 of the image's size, "
          "64x40");
    halfMask.at<float>(3, 5) = 2.f;
    CHECK(test::thrownMessage([&] { full.inpaint(src, halfMask, dst); }) ==
          "WatermarkRemover::inpaint: the mask has 2 at (5, 3); expected values in [0, 1] (or a CV_8UC1 mask, 0..255)");
    CHECK(test::thrownMessage([&] { half.setMaskRamp(0.7, 0.3); }) ==
          "WatermarkRemover::setMaskRamp: 0.7..0.3; expected 0 <= low < high <= 1");
    cv::Mat found;
    CHECK(test::thrownMessage([&] { full.apply(src, dst, found); }) ==
          "WatermarkRemover::apply: this model has no mask output (it repaints the whole picture); a mask needs a model "
          "like the shipped one, or call apply(src, dst)");
}

TEST_CASE("image filters take hostile sizes and values: a result or a clear error") {
    test::TempDir dir;
    Denoiser denoiser(writeFilterModel(dir, "image-denoise"));
    cv::Mat dst;
    SUBCASE("1x1, one row, one column") {
        for (const cv::Size size : {cv::Size(1, 1), cv::Size(100000, 1), cv::Size(1, 5000), cv::Size(3, 2)}) {
            CAPTURE(size);
            const cv::Mat src = randomImage(size.height, size.width, CV_8UC3, 9);
            denoiser.apply(src, dst);
            CHECK(dst.size() == size);
            CHECK(dst.type() == CV_8UC3);
        }
    }
    SUBCASE("NaN and infinity in a float image") {
        cv::Mat src = randomImage(20, 30, CV_32FC3, 10);
        src.at<cv::Vec3f>(4, 7)[1] = std::numeric_limits<float>::quiet_NaN();
        CHECK(test::thrownMessage([&] { denoiser.apply(src, dst); }) ==
              "Denoiser::apply: the image has a NaN or infinite value at (7, 4); expected finite values in [0, 1]");
        src.at<cv::Vec3f>(4, 7)[1] = std::numeric_limits<float>::infinity();
        CHECK(test::thrownMessage([&] { denoiser.apply(src, dst); }).find("NaN or infinite value at (7, 4)") !=
              std::string::npos);
    }
    SUBCASE("16-bit and double images are refused by type") {
        for (int type : {CV_16UC3, CV_64FC3, CV_16SC1}) {
            CAPTURE(cv::typeToString(type));
            CHECK(test::thrownMessage([&] { denoiser.apply(cv::Mat(8, 8, type, cv::Scalar::all(0)), dst); })
                      .find("the image has type " + cv::typeToString(type)) != std::string::npos);
        }
    }
    SUBCASE("in place equals out of place, tiled too") {
        denoiser.setTileSize(64);
        const cv::Mat src = randomImage(150, 170, CV_8UC4, 11);
        cv::Mat copy = src.clone(), expected;
        denoiser.apply(src, expected);
        denoiser.apply(copy, copy);
        CHECK(cv::norm(copy, expected, cv::NORM_INF) == 0);
    }
}

TEST_CASE("Denoiser strength: estimated by default, set by the caller, 0 returns the input") {
    test::TempDir dir;
    Denoiser denoiser(writeFilterModel(dir, "image-denoise"));
    REQUIRE(denoiser.takesNoiseLevel());
    CHECK(denoiser.strength() == -1);
    const cv::Mat clean = randomImage(96, 128, CV_8UC3, 21);
    cv::Mat noisy, noise(clean.size(), CV_32FC3);
    cv::RNG(22).fill(noise, cv::RNG::NORMAL, 0, 20);
    clean.convertTo(noisy, CV_32FC3);
    noisy += noise;
    noisy.convertTo(noisy, CV_8UC3);
    cv::Mat estimated, weak, strong, none;
    denoiser.apply(noisy, estimated);
    CHECK(denoiser.lastLevel() == doctest::Approx(estimateNoiseLevel(noisy)));
    denoiser.setStrength(5);
    denoiser.apply(noisy, weak);
    CHECK(denoiser.lastLevel() == 5);
    CHECK(denoiser.strength() == 5);
    denoiser.setStrength(50);
    denoiser.apply(noisy, strong);
    CHECK(cv::norm(weak, strong, cv::NORM_INF) > 0);  // the level is an input of the model
    denoiser.setStrength(0);
    denoiser.apply(noisy, none);
    CHECK(cv::norm(none, noisy, cv::NORM_INF) == 0);
    denoiser.setAutoStrength();
    CHECK(denoiser.strength() == -1);
    cv::Mat again;
    denoiser.apply(noisy, again);
    CHECK(cv::norm(again, estimated, cv::NORM_INF) == 0);

    // A constant or 1x1 image: level 0, the input back unchanged (never NaN).
    for (const cv::Mat& flat : {cv::Mat(64, 64, CV_8UC3, cv::Scalar(10, 100, 200)), cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)),
                                cv::Mat(40, 30, CV_32FC1, cv::Scalar(0.5))}) {
        cv::Mat out;
        denoiser.apply(flat, out);
        CHECK(denoiser.lastLevel() == 0);
        CHECK(cv::norm(out, flat, cv::NORM_INF) == 0);
    }

    for (double bad : {-1.0, 75.5, 1e9, std::numeric_limits<double>::quiet_NaN()})
        CHECK(test::thrownMessage([&] { denoiser.setStrength(bad); }) ==
              cv::format("Denoiser::setStrength: %g; expected a noise sigma (of 255) from 0 to 75", bad));
    Denoiser blind(writeFilterModel(dir, "reference-denoiser"));
    CHECK_FALSE(blind.takesNoiseLevel());
    CHECK(test::thrownMessage([&] { blind.setStrength(10); }).find("this model has no noise-level input") !=
          std::string::npos);
}
