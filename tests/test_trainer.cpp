// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-train's loop on Fashion-MNIST subsets: loss falls, resume is exact, the written model is
// the trained one, bad input is reported.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include "dataset.hpp"
#include "filters/graph_runner.hpp"
#include "image_folder.hpp"
#include "corruption.hpp"
#include "losses.hpp"
#include "shapes.hpp"
#include "models.hpp"
#include "ops/dnnl_context.hpp"
#include "support.hpp"
#include "model/split.hpp"
#include "presets.hpp"
#include "trainer.hpp"
#include "warm_start.hpp"

using namespace aecv;

namespace {

train::TrainOptions quick(const std::string& preset, const test::TempDir& dir, int limit, int epochs) {
    train::TrainOptions o;
    o.preset = preset;
    o.limit = limit;
    o.epochs = epochs;
    o.out = dir.file(preset + ".onnx");
    return o;
}

}  // namespace

TEST_CASE("every preset's loss falls within a few hundred steps") {
    // preset, images, epochs, factor the validation loss must fall by at least
    const std::tuple<const char*, int, int, double> cases[] = {
        {"stacked", 6400, 1, 0.75}, {"denoise-gaussian", 6400, 1, 0.8}, {"denoise-dropout", 6400, 1, 0.8},
        {"vae", 12800, 3, 0.8},     {"conv", 3200, 1, 0.7},     {"image-denoise", 640, 2, 0.8},
        {"conv-vae", 3200, 2, 0.8}, {"shapes-vae", 3200, 3, 0.8}, {"image-watermark", 640, 2, 0.8},
    };
    for (const auto& [preset, images, epochs, factor] : cases) {
        CAPTURE(preset);
        test::TempDir dir;
        std::ostringstream log;
        const train::TrainResult r = train::train(quick(preset, dir, images, epochs), log);
        CAPTURE(r.initialValidationLoss);
        CAPTURE(r.bestValidationLoss);
        CHECK(r.bestValidationLoss < factor * r.initialValidationLoss);
        CHECK(log.str().find("val_loss") != std::string::npos);
    }
}

TEST_CASE("a resumed run ends with the same weights as an uninterrupted one") {
    for (const char* preset : {"denoise-dropout", "vae"}) {  // corruption and sampling generators
        CAPTURE(preset);
        test::TempDir dir;
        std::ostringstream log;
        train::TrainOptions straight = quick(preset, dir, 1000, 2);
        straight.out = dir.file("straight.onnx");
        const train::TrainResult a = train::train(straight, log);

        train::TrainOptions first = quick(preset, dir, 1000, 1);
        first.out = dir.file("first.onnx");
        train::train(first, log);
        train::TrainOptions resumed = quick(preset, dir, 1000, 2);
        resumed.out = dir.file("resumed.onnx");
        resumed.resume = dir.file("first.onnx.ckpt");
        const train::TrainResult b = train::train(resumed, log);

        REQUIRE(a.finalWeights.size() == b.finalWeights.size());
        CHECK(a.finalWeights == b.finalWeights);
        CHECK(a.bestValidationLoss == b.bestValidationLoss);
        CHECK(b.history.size() == 2);
    }
}

TEST_CASE("the written model is the trained one: cv::dnn reproduces its validation loss") {
    test::TempDir dir;
    std::ostringstream log;
    const train::TrainResult r = train::train(quick("stacked", dir, 3000, 2), log);
    aecv::registerLayers();
    cv::dnn::Net net = cv::dnn::readNetFromONNX(dir.file("stacked.onnx"));
    const train::Split data = train::loadFashionMnist("/usr/share/datasets/fashion-mnist", 3000);
    net.setInput(data.validation.images);
    cv::Mat grad;
    const double loss = train::bceLoss(net.forward(), data.validation.images, grad);
    CAPTURE(loss);
    CAPTURE(r.bestValidationLoss);
    CHECK(std::abs(loss - r.bestValidationLoss) < 1e-4);
    const model::Model m = model::readOnnx(dir.file("stacked.onnx"));
    CHECK(m.metadata.at("preset") == "stacked");
    CHECK(m.metadata.at("val_loss") == cv::format("%.4f", r.bestValidationLoss));
    CHECK(m.metadata.at("code") == "code");
    aecv::unregisterLayers();
}

TEST_CASE("training reports bad input clearly") {
    test::TempDir dir;
    std::ostringstream log;
    train::TrainOptions o = quick("stacked", dir, 500, 1);
    o.data = dir.file("nowhere");
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "cannot open '" + dir.file("nowhere") + "/train-images-idx3-ubyte.gz'");
    o = quick("resnet", dir, 500, 1);
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "unknown preset 'resnet'; expected one of stacked, conv, denoise-gaussian, denoise-dropout, vae, "
          "conv-vae, shapes-vae, image-denoise, image-denoise-deep, image-watermark, image-watermark-unblend, "
          "image-watermark-nomask, image-watermark-deep, image-inpaint, image-inpaint-fill, reference-denoiser");
    o = quick("vae", dir, 2000, 2);
    o.lr = 1000.f;  // exp(log-variance) overflows
    const std::string diverged = test::thrownMessage([&] { train::train(o, log); });
    CAPTURE(diverged);
    CHECK(diverged.rfind("the loss became ", 0) == 0);
    CHECK(diverged.find(" at epoch 1, step ") != std::string::npos);
    CHECK(diverged.find("no checkpoint was written yet") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.file("vae.onnx")));

    o = quick("stacked", dir, 500, 1);
    o.cleanShare = 0.2;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "--clean-share is for the noise-level denoisers "
          "(image-denoise, image-denoise-deep); preset 'stacked' has no noise-free share");
    o = quick("image-denoise", dir, 500, 1);
    o.cleanShare = 1.5;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "--clean-share is 1.5; expected a share from 0 to 1");
    o.cleanShare = -0.5;  // not read as "the preset's"
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "--clean-share is -0.5; expected a share from 0 to 1");
    o.cleanShare.reset();
    o.sceneTextShare = 0.1;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "--scene-text-share is for the watermark presets "
          "(image-watermark*, image-inpaint*); preset 'image-denoise' draws no marks");
    o = quick("image-watermark", dir, 500, 1);
    for (const double bad : {1.5, -0.1, std::nan("")}) {
        o.sceneTextShare = bad;
        CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
              cv::format("--scene-text-share is %g; expected a share from 0 to 1", bad));
    }
    o.sceneTextShare.reset();
    for (const double bad : {1.5, -0.1, std::nan("")}) {
        o.scenePanels = bad;
        CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
              cv::format("--scene-panels is %g; expected a share from 0 to 1", bad));
    }
    o = quick("stacked", dir, 500, 1);
    o.scenePanels = 0.5;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "--scene-panels is for the watermark presets "
          "(image-watermark*, image-inpaint*); preset 'stacked' draws no marks");
    o = quick("conv", dir, 500, 1);
    o.precision = "fp16";
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "--precision is 'fp16'; expected f32 or bf16");
    if (!ops::cpuHasBf16()) {
        o.precision = "bf16";
        CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
              "--precision bf16: this CPU has no AVX-512 BF16 instructions; train in f32");
    }

    train::train(quick("stacked", dir, 500, 1), log);
    o = quick("vae", dir, 500, 2);
    o.resume = dir.file("stacked.onnx.ckpt");
    CHECK(test::thrownMessage([&] { train::train(o, log); }).find("is for preset 'stacked'") != std::string::npos);
}

TEST_CASE("a diverging run of any preset stops with exit 1 and writes no model") {
    // lr 1e30 sends every preset's weights to inf or NaN within a step or two; a NaN prediction used
    // to slip through the BCE clamp (stacked: exit 0, "validation loss: -266.57", a NaN model).
    test::TempDir dir;
    for (const char* preset : {"stacked", "conv", "denoise-gaussian", "denoise-dropout", "vae", "conv-vae",
                               "shapes-vae"}) {
        CAPTURE(preset);
        const std::string out = dir.file(std::string(preset) + ".onnx");
        const test::CommandResult r = test::runCommand(std::string(AECV_TRAIN_TOOL) + " --preset " + preset +
                                                       " --limit 512 --epochs 1 --lr 1e30 --out " + out);
        CAPTURE(r.out);
        CHECK(r.status == 1);
        CHECK(r.out.find("error: the loss became ") != std::string::npos);
        CHECK(r.out.find("(lower the learning rate?); no checkpoint was written yet") != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    // The BCE of a NaN prediction is NaN, not a number the clamp made up.
    cv::Mat p(1, 4, CV_32F, cv::Scalar(0.5f)), t(1, 4, CV_32F, cv::Scalar(1.f)), d;
    p.at<float>(2) = std::numeric_limits<float>::quiet_NaN();
    CHECK(std::isnan(train::bceLoss(p, t, d)));
}

TEST_CASE("the report folder holds loss curves and pictures") {
    test::TempDir dir;
    std::ostringstream log;
    train::TrainOptions o = quick("vae", dir, 1000, 2);
    o.report = dir.file("report");
    train::train(o, log);
    std::ifstream csv(dir.file("report/loss.csv"));
    std::string header, first, second, extra;
    std::getline(csv, header);
    std::getline(csv, first);
    std::getline(csv, second);
    CHECK(header == "epoch,train_loss,validation_loss,seconds");
    CHECK(first.rfind("1,", 0) == 0);
    CHECK(second.rfind("2,", 0) == 0);
    CHECK_FALSE(std::getline(csv, extra));
    const std::pair<const char*, cv::Size> pictures[] = {{"loss.png", {640, 400}},
                                                         {"reconstructions.png", {840, 168}},
                                                         {"samples.png", {840, 336}},
                                                         {"interpolation.png", {840, 84}}};
    for (const auto& [name, size] : pictures) {
        CAPTURE(name);
        const cv::Mat image = cv::imread(dir.file(std::string("report/") + name), cv::IMREAD_UNCHANGED);
        REQUIRE_FALSE(image.empty());
        CHECK(image.size() == size);
    }
    CHECK_FALSE(std::filesystem::exists(dir.file("report/latent.png")));  // a 10-D code

    train::TrainOptions shapes = quick("shapes-vae", dir, 640, 1);
    shapes.report = dir.file("shapes");
    train::train(shapes, log);
    CHECK(cv::imread(dir.file("shapes/latent.png")).size() == cv::Size(500, 500));
    CHECK(cv::imread(dir.file("shapes/latent_grid.png")).size() == cv::Size(12 * 56, 12 * 56));
    // Not all black: the reconstructions row has content.
    const cv::Mat recon = cv::imread(dir.file("report/reconstructions.png"), cv::IMREAD_GRAYSCALE);
    CHECK(cv::mean(recon(cv::Rect(0, 84, 840, 84)))[0] > 10);
}

TEST_CASE("photo folders: held-out photos, patches, clear errors") {
    test::TempDir dir;
    std::ostringstream log;
    train::TrainOptions o = quick("image-denoise", dir, 64, 1);
    o.data = dir.file("empty");
    std::filesystem::create_directories(o.data);
    std::ofstream(o.data + "/notes.txt") << "not an image";
    cv::imwrite(o.data + "/tiny.png", cv::Mat(8, 8, CV_8UC3, cv::Scalar::all(9)));
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "'" + o.data + "' has 0 usable images (jpg, jpeg, png, bmp, tif, tiff, webp of at least 80x80); expected at "
          "least 2");
    o.data = dir.file("missing");
    CHECK(test::thrownMessage([&] { train::train(o, log); }) == "'" + o.data + "' is not a folder");

    // Lists of photos beside folders: each source split on its own, big photos scaled down.
    const std::string photos = dir.file("photos");
    std::filesystem::create_directories(photos);
    std::ofstream list(dir.file("list.txt"));
    list << "# a comment\n";
    for (int i = 0; i < 6; ++i) {
        const std::string name = cv::format("p%d.png", i);
        cv::Mat photo(200, 2000, CV_8UC3);
        cv::randu(photo, 0, 256);
        cv::imwrite(photos + "/" + name, photo);
        list << "photos/" << name << "  # relative to the list\n";
    }
    list.close();
    const train::PhotoSplit split = train::loadPhotos(dir.file("list.txt") + ":" + photos, 96, 5, 1600);
    CHECK(split.validation.size() == 4);  // p0, p5 of the list; p0, p5 of the folder
    CHECK(split.train.size() == 8);
    CHECK(split.train[0].cols == 1600);
    CHECK(split.train[0].rows == 160);
    // --patch: the patches (and the model's declared input) of that side; checked against the stride.
    o = quick("image-denoise", dir, 16, 1);
    o.data = photos;
    o.patch = 48;
    train::train(o, log);
    CHECK(model::readOnnx(o.out).inputShape == ops::Shape{1, 4, 48, 48});
    o.patch = 50;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "--patch is 50; expected at least 32 and a multiple of the model's stride, 8");
    o.patch = -8;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "epochs, batch, patch, lr, limit and early-stop must not be negative");
    o = quick("stacked", dir, 500, 1);
    o.patch = 64;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "--patch is for the photo presets (image-*); preset 'stacked' trains on whole images");
    o.patch = 0;
    o.colourJitter = true;
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "--colour-jitter is for the photo presets (image-*); preset 'stacked' trains on whole images");
    std::ofstream(dir.file("bad.txt")) << photos << "/none.jpg\n";
    CHECK(test::thrownMessage([&] { train::loadPhotos(dir.file("bad.txt"), 96); }) ==
          "'" + photos + "/none.jpg' (listed in '" + dir.file("bad.txt") + "') cannot be read; the training photos come "
          "from Debian packages: .ci/install-deps --training-data");
}

TEST_CASE("photo patches at a smaller scale: cut larger and scaled down, the same draws at scale 1") {
    // A photo whose blue channel is x / 2 and green y / 2: a patch's span of blue tells the width it was cut at.
    cv::Mat photo(512, 512, CV_8UC3);
    for (int y = 0; y < photo.rows; ++y)
        for (int x = 0; x < photo.cols; ++x) photo.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x / 2), uchar(y / 2), 0);
    const std::vector<cv::Mat> photos{photo};
    cv::Mat plain, same, scaled;
    cv::RNG a(5), b(5), c(5);
    train::samplePatches(photos, 64, 32, a, plain);
    train::samplePatches(photos, 64, 32, b, same, 1.0);
    CHECK(cv::norm(plain, same, cv::NORM_INF) == 0);  // minScale 1: exactly the old draws
    train::samplePatches(photos, 64, 32, c, scaled, 0.25);
    double widest = 0, narrowest = 1e9;
    for (int i = 0; i < 64; ++i) {
        // The spread of blue or green (the patch may be transposed) across the patch, in source pixels.
        double span = 0;
        for (int ch = 0; ch < 2; ++ch) {
            double lo, hi;
            cv::minMaxLoc(cv::Mat(32, 32, CV_32F, scaled.ptr<float>(i, ch)), &lo, &hi);
            span = std::max(span, (hi - lo) * 255 * 2);
        }
        widest = std::max(widest, span), narrowest = std::min(narrowest, span);
    }
    CHECK(narrowest >= 28);  // never cut smaller than the patch
    CHECK(widest > 96);      // some were cut at least 3x larger (up to 128 px for 32)
    CHECK(widest <= 130);
}

TEST_CASE("photo patches with colour jitter: channels reordered, gain and gamma within their range, off as before") {
    // A flat photo of three distinct levels: each jittered patch is flat too, its three values
    // one order of min(1, gain v^gamma) of them.
    const cv::Vec3b bgr(200, 120, 40);
    const std::vector<cv::Mat> photos{cv::Mat(64, 64, CV_8UC3, cv::Scalar(bgr[0], bgr[1], bgr[2]))};
    cv::Mat plain, off, jittered;
    cv::RNG a(7), b(7), c(7);
    train::samplePatches(photos, 64, 32, a, plain);
    train::samplePatches(photos, 64, 32, b, off, 1.0, false);
    CHECK(cv::norm(plain, off, cv::NORM_INF) == 0);  // off: exactly the old draws
    train::samplePatches(photos, 64, 32, c, jittered, 1.0, true);
    std::set<std::vector<int>> orders;
    double darkest = 1, brightest = 0;
    for (int i = 0; i < 64; ++i) {
        std::vector<double> v(3);
        for (int ch = 0; ch < 3; ++ch) {
            double lo, hi;
            cv::minMaxLoc(cv::Mat(32, 32, CV_32F, jittered.ptr<float>(i, ch)), &lo, &hi);
            CHECK(hi - lo == 0);  // still flat
            v[static_cast<size_t>(ch)] = hi;
        }
        // the brightest source level (200) maps highest, the darkest (40) lowest: the channels'
        // ranks say where each went
        std::vector<int> rank{0, 1, 2};
        std::sort(rank.begin(), rank.end(), [&](int p, int q) { return v[size_t(p)] > v[size_t(q)]; });
        orders.insert(rank);
        CHECK(v[size_t(rank[0])] >= v[size_t(rank[1])]);
        darkest = std::min(darkest, v[size_t(rank[2])]), brightest = std::max(brightest, v[size_t(rank[2])]);
        // gain and gamma within [3/4, 4/3]: 40 of 255 lands within these bounds
        CHECK(v[size_t(rank[2])] >= 0.75 * std::pow(40 / 255.0, 4.0 / 3) - 1 / 255.0);
        CHECK(v[size_t(rank[2])] <= 4.0 / 3 * std::pow(40 / 255.0, 0.75) + 1 / 255.0);
    }
    CHECK(orders.size() == 6);                // every channel order drawn
    CHECK(brightest - darkest > 20 / 255.0);  // and the tone varied
}

TEST_CASE("the shapes dataset is reproducible and balanced") {
    const train::Dataset a = train::makeShapes(600, 5), b = train::makeShapes(600, 5), c = train::makeShapes(600, 6);
    CHECK(ops::shapeOf(a.images) == ops::Shape{600, 1, 28, 28});
    CHECK(test::maxAbsDiff(a.images, b.images) == 0);
    CHECK(test::maxAbsDiff(a.images, c.images) > 0.5);
    int counts[3] = {0, 0, 0};
    for (int label : a.labels) ++counts[label];
    for (int count : counts) CHECK(count > 150);
    double lo = 0, hi = 0;
    cv::minMaxLoc(a.images.reshape(1, 1), &lo, &hi);
    CHECK(lo == 0.0);
    CHECK(hi == doctest::Approx(1.0));
    CHECK(cv::mean(a.images.reshape(1, 1))[0] > 0.05);  // a shape in every picture, not blank canvases
}

TEST_CASE("synthetic watermarks: seeded, local, blended within [0, 1], the target alpha where the input differs") {
    train::Recipe r = train::makeRecipe("image-watermark", 1);
    const cv::Mat clean = test::randomTensor({32, 3, 96, 96}, 3, 0.f, 1.f);
    cv::Mat a, b;
    std::unique_ptr<train::Corruption> corruption = train::makeCorruption(r, 9);
    corruption->apply(clean, a);
    train::makeCorruption(r, 9)->apply(clean, b);
    CHECK(test::maxAbsDiff(a, b) == 0);
    double lo = 0, hi = 0;
    cv::minMaxLoc(a.reshape(1, 1), &lo, &hi);
    CHECK(lo >= 0.0);
    CHECK(hi <= 1.0);
    const cv::Mat& target = corruption->target();
    const cv::Mat& alpha = corruption->targetMask();
    REQUIRE(ops::shapeOf(alpha) == ops::Shape{32, 1, 96, 96});
    cv::minMaxLoc(alpha.reshape(1, 1), &lo, &hi);
    CHECK(lo >= 0.0);
    CHECK(hi <= 1.0);
    const double fraction = cv::countNonZero(alpha.reshape(1, 1) > 0.05) / static_cast<double>(alpha.total());
    CAPTURE(fraction);
    CHECK(fraction > 0.005);  // every batch gets marks...
    CHECK(fraction < 0.5);    // ...that cover a part of the picture, not all of it
    // The input differs from the target where the alpha says, and (but for JPEG's ringing) only there.
    double outside = 0, inside = 0;
    int nOutside = 0, nInside = 0;
    for (int i = 0; i < 32; ++i)
        for (int c = 0; c < 3; ++c) {
            const float* x = a.ptr<float>(i, c);
            const float* t = target.ptr<float>(i, c);
            const float* m = alpha.ptr<float>(i);
            for (int k = 0; k < 96 * 96; ++k) {
                if (m[k] == 0) outside += std::abs(x[k] - t[k]), ++nOutside;
                if (m[k] > 0.3f) inside += std::abs(x[k] - t[k]), ++nInside;
            }
        }
    CAPTURE(outside / nOutside);
    CAPTURE(inside / nInside);
    CHECK(outside / nOutside < 0.005);
    CHECK(inside / nInside > 0.05);

    // The detector's target holds only the marks that show: every pixel it marks differs from the
    // target by more than visibleMarks in some channel. The unblending model's (visibleMarks 0)
    // keeps every pixel of the marks' alpha, also those that change nothing visibly.
    REQUIRE(r.visibleMarks == doctest::Approx(6.0 / 255));
    int hidden = 0;
    for (int i = 0; i < 32; ++i)
        for (int k = 0; k < 96 * 96; ++k) {
            if (alpha.ptr<float>(i)[k] == 0) continue;
            float change = 0;
            for (int c = 0; c < 3; ++c) change = std::max(change, std::abs(a.ptr<float>(i, c)[k] - target.ptr<float>(i, c)[k]));
            hidden += change <= r.visibleMarks;
        }
    CHECK(hidden == 0);
    const train::Recipe unblend = train::makeRecipe("image-watermark-unblend", 1);
    CHECK(unblend.visibleMarks == 0);
    std::unique_ptr<train::Corruption> all = train::makeCorruption(unblend, 9);
    cv::Mat c;
    all->apply(clean, c);
    CHECK(test::maxAbsDiff(a, c) == 0);  // the same marks...
    const int shown = cv::countNonZero(alpha.reshape(1, 1) > 0), drawn = cv::countNonZero(all->targetMask().reshape(1, 1) > 0);
    CAPTURE(shown);
    CAPTURE(drawn);
    CHECK(shown < drawn);  // ...of which the detector is asked to find fewer pixels
}

TEST_CASE("the watermark corruption's opaque scene text: in the target, as often as --scene-text-share says") {
    // On a flat picture the colour variations keep every patch flat: a target that is not flat
    // holds an opaque text or logo, which the target keeps (the marks are the input's alone).
    train::Recipe r = train::makeRecipe("image-watermark", 1);
    CHECK(r.sceneTextShare == train::kSceneTextShare);
    const int n = 48, side = 64;
    const cv::Mat flat(ops::Shape{n, 3, side, side}, CV_32F, cv::Scalar(0.45));
    const auto withText = [&](double share) {
        r.sceneTextShare = share;
        std::unique_ptr<train::Corruption> corruption = train::makeCorruption(r, 11);
        cv::Mat marked;
        corruption->apply(flat, marked);
        int count = 0;
        for (int i = 0; i < n; ++i) {
            double lo = 0, hi = 0;
            cv::minMaxLoc(cv::Mat(3 * side, side, CV_32F, const_cast<float*>(corruption->target().ptr<float>(i))), &lo, &hi);
            count += hi - lo > 0.02;  // (JPEG of a flat patch stays within a level or two)
        }
        return count;
    };
    CHECK(withText(0.0) == 0);
    CHECK(withText(1.0) == n);
    const int shipped = withText(train::kSceneTextShare);  // binomial(48, 0.4): 19.2 +- 8.5 at 2.5 sigma
    CHECK(shipped >= 11);
    CHECK(shipped <= 28);
    const int tenth = withText(0.1);  // 4.8 +- 5.2
    CHECK(tenth < shipped);
    CHECK(tenth <= 10);
}

TEST_CASE("--scene-panels: the scene text on a flat panel of its own, in a colour it stands out from") {
    // On a flat grey picture every patch gets scene text (share 1). With panels what differs from
    // the picture's colour (its median) is mostly a filled rectangle (the panel, around the text)
    // in which the text stands out; without, only the text's own strokes, a small part of their
    // bounding box.
    train::Recipe r = train::makeRecipe("image-watermark-nomask", 1);
    CHECK(r.scenePanels == 0.0);
    r.sceneTextShare = 1.0;
    const int n = 24, side = 96;
    const cv::Mat flat(ops::Shape{n, 3, side, side}, CV_32F, cv::Scalar(0.45));
    struct Counts { int drawn = 0, filled = 0, standsOut = 0; };
    const auto changed = [&](double panels) {
        r.scenePanels = panels;
        std::unique_ptr<train::Corruption> corruption = train::makeCorruption(r, 5);
        cv::Mat marked;
        corruption->apply(flat, marked);
        Counts counts;
        for (int i = 0; i < n; ++i) {
            std::vector<cv::Mat> planes;
            for (int c = 0; c < 3; ++c)
                planes.emplace_back(side, side, CV_32F, const_cast<float*>(corruption->target().ptr<float>(i, c)));
            cv::Mat bgr, grey, change;
            cv::merge(planes, bgr);
            cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
            cv::Scalar ground;  // the flat picture as varied (its colours, for half the patches): the median
            for (int c = 0; c < 3; ++c) {
                const cv::Mat& plane = planes[static_cast<size_t>(c)];
                std::vector<float> v(plane.begin<float>(), plane.end<float>());
                std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
                ground[c] = v[v.size() / 2];
            }
            cv::absdiff(bgr, ground, change);
            cv::reduce(change.reshape(1, side * side), change, 1, cv::REDUCE_MAX);
            const cv::Mat differs = change.reshape(1, side) > 0.03;
            if (cv::countNonZero(differs) < 16) continue;  // (a text wholly outside its patch)
            const cv::Rect box = cv::boundingRect(differs);
            double lo = 0, hi = 0;
            cv::minMaxLoc(grey(box), &lo, &hi);
            counts.drawn += 1;
            counts.filled += cv::countNonZero(differs(box)) >= 0.9 * box.area();
            counts.standsOut += hi - lo >= 0.25;
        }
        return counts;
    };
    const Counts plain = changed(0.0), panelled = changed(1.0);
    CHECK(panelled.drawn >= n / 2);
    CHECK(panelled.filled >= panelled.drawn * 3 / 4);
    CHECK(panelled.standsOut >= panelled.drawn * 3 / 4);
    CHECK(plain.filled <= plain.drawn / 4);
}

TEST_CASE("image-watermark-nomask: the shipped remover without a mask, all its layers, trained on the detector's marks") {
    const train::Recipe r = train::makeRecipe("image-watermark-nomask", 1);
    CHECK(r.mask.empty());  // no mask output: the filter keeps only its mark-sized changes
    CHECK(r.model.outputs.front() == "recon");
    CHECK(r.model.inputShape == ops::Shape{1, 3, 128, 128});
    CHECK(r.model.metadata.at("task") == "watermark");
    CHECK(r.model.metadata.count("mask") == 0);
    CHECK(r.corruption == train::CorruptionKind::Watermark);
    CHECK(r.loss == train::LossKind::MSE);
    CHECK(r.maxPhotoSide == 1600);  // photos at the scales the detector learns from
    CHECK(r.visibleMarks == 0);     // (a target mask is the detector's business)
    model::Model target = r.model;
    const model::Model shipped = model::readOnnx(AECV_SOURCE_DIR "/samples/models/unwatermark-nomask.onnx");
    CHECK(train::warmStart(target, shipped, "unwatermark-nomask.onnx") ==
          "initialised 11 of 11 layers from unwatermark-nomask.onnx\n");
}

TEST_CASE("image-watermark-deep: the detector with context blocks starts as the shipped detector") {
    const train::Recipe r = train::makeRecipe("image-watermark-deep", 1);
    CHECK(r.mask == "mask");
    CHECK(r.corruption == train::CorruptionKind::Watermark);
    CHECK(r.diceWeight == 1.f);
    model::Model deep = r.model;
    const model::Model shipped = model::readOnnx(AECV_SOURCE_DIR "/samples/models/unwatermark.onnx");
    CHECK(train::warmStart(deep, shipped, "unwatermark.onnx") ==
          "initialised 17 of 25 layers from unwatermark.onnx; fresh weights: ctx3_0_a (not in it), ctx3_0_b (not in "
          "it), ctx3_1_a (not in it), ctx3_1_b (not in it), ctx4_0_a (not in it), ctx4_0_b (not in it), ctx4_1_a (not "
          "in it), ctx4_1_b (not in it)\n");
    // the blocks' second convolutions start at zero: the same restoration and mask as the shipped
    // detector, to float rounding
    deep.outputs = {deep.outputs[0], deep.outputs[1]};
    model::Model same = shipped;
    same.outputs = {same.outputs[0], same.outputs[1]};
    const cv::Mat bgr = test::randomTensor({1, 3, 64, 96}, 5, 0.f, 1.f);
    cv::Mat image;
    std::vector<cv::Mat> planes{cv::Mat(64, 96, CV_32F, const_cast<float*>(bgr.ptr<float>(0, 0))),
                                cv::Mat(64, 96, CV_32F, const_cast<float*>(bgr.ptr<float>(0, 1))),
                                cv::Mat(64, 96, CV_32F, const_cast<float*>(bgr.ptr<float>(0, 2)))};
    cv::merge(planes, image);
    std::vector<cv::Mat> deepOuts, shippedOuts;
    filters::GraphRunner(deep).runOutputs(image, cv::Rect(0, 0, 96, 64), deepOuts);
    filters::GraphRunner(same).runOutputs(image, cv::Rect(0, 0, 96, 64), shippedOuts);
    REQUIRE(deepOuts.size() == 2);
    CHECK(test::maxAbsDiff(deepOuts[0], shippedOuts[0]) <= 1e-5);
    CHECK(test::maxAbsDiff(deepOuts[1], shippedOuts[1]) <= 1e-5);
    size_t blocks = 0;
    for (const model::Node& n : deep.nodes) blocks += n.name.rfind("ctx", 0) == 0 && n.op == "Add";
    CHECK(blocks == 4);
}

TEST_CASE("the inpainter's corruption: marks in (almost) every patch, and as channel 3 the marked pixels grown by 0..3") {
    const train::Recipe r = train::makeRecipe("image-inpaint", 1);
    CHECK(r.maskInput);
    CHECK(r.model.inputShape == ops::Shape{1, 4, 128, 128});
    const cv::Mat clean = test::randomTensor({16, 3, 96, 96}, 4, 0.f, 1.f);
    cv::Mat in;
    std::unique_ptr<train::Corruption> corruption = train::makeCorruption(r, 9);
    corruption->apply(clean, in);
    REQUIRE(ops::shapeOf(in) == ops::Shape{16, 4, 96, 96});
    const cv::Mat& alpha = corruption->targetMask();
    int grown = 0, blank = 0;
    for (int i = 0; i < 16; ++i) {
        const cv::Mat where(96, 96, CV_32F, in.ptr<float>(i, 3)), a(96, 96, CV_32F, const_cast<float*>(alpha.ptr<float>(i)));
        CHECK(cv::countNonZero((where != 0) & (where != 1)) == 0);  // 0 or 1
        const cv::Mat marked = a > train::kMarkedAlpha, set = where == 1;
        CHECK(cv::countNonZero(marked & ~set) == 0);  // every marked pixel is in the mask
        cv::Mat reach;  // and the mask reaches at most 3 pixels beyond them
        cv::dilate(marked, reach, cv::getStructuringElement(cv::MORPH_ELLIPSE, {7, 7}));
        CHECK(cv::countNonZero(set & ~reach) == 0);
        grown += cv::countNonZero(set) > cv::countNonZero(marked);
        blank += cv::countNonZero(marked) == 0;
    }
    CHECK(grown > 4);  // most masks are grown
    CHECK(blank <= 1);  // a mark is drawn again until it shows (up to 8 times)
}

TEST_CASE("the fill inpainter's corruption: channels 4..6 are cv::inpaint's Navier-Stokes fill of the marked patch") {
    const train::Recipe r = train::makeRecipe("image-inpaint-fill", 1);
    CHECK(r.maskInput);
    CHECK(r.fillPrior);
    CHECK(r.model.inputShape == ops::Shape{1, 7, 128, 128});
    CHECK(r.model.metadata.at("fill") == "ns");
    const cv::Mat clean = test::randomTensor({4, 3, 64, 64}, 5, 0.f, 1.f);
    cv::Mat in;
    train::makeCorruption(r, 11)->apply(clean, in);
    REQUIRE(ops::shapeOf(in) == ops::Shape{4, 7, 64, 64});
    for (int i = 0; i < 4; ++i) {
        const auto planes = [&](int first) {
            std::vector<cv::Mat> p;
            for (int c = first; c < first + 3; ++c) p.emplace_back(64, 64, CV_32F, in.ptr<float>(i, c));
            cv::Mat bgr, bytes;
            cv::merge(p, bgr);
            bgr.convertTo(bytes, CV_8UC3, 255.0);
            return bytes;
        };
        const cv::Mat marked = planes(0), fill = planes(4);
        cv::Mat where, ns;
        cv::Mat(64, 64, CV_32F, in.ptr<float>(i, 3)).convertTo(where, CV_8U);
        REQUIRE(cv::countNonZero(where) > 0);
        cv::inpaint(marked, where, ns, 3, cv::INPAINT_NS);
        CHECK(cv::norm(fill, ns, cv::NORM_INF) <= 1);
        CHECK(cv::norm(fill, marked, cv::NORM_INF, where == 0) == 0);  // outside the mask, the marked patch
    }
}

TEST_CASE("--tied: the decoder uses the encoder's weights transposed, trained as one parameter") {
    test::TempDir dir;
    std::ostringstream log;
    train::TrainOptions o = quick("stacked", dir, 3200, 1);
    o.tied = true;
    const train::TrainResult r = train::train(o, log);
    CHECK(r.bestValidationLoss < 0.8 * r.initialValidationLoss);
    // 784*100 + 100*30 weights live once: the arena holds the encoder's and all biases.
    CHECK(r.finalWeights.size() == 78400 + 100 + 3000 + 30 + 100 + 784);
    const model::Model m = model::readOnnx(o.out);
    CHECK(test::maxAbsDiff(m.node("dec2").weights[0], m.node("enc1").weights[0].t()) == 0);
    CHECK(test::maxAbsDiff(m.node("dec1").weights[0], m.node("code").weights[0].t()) == 0);
    o.preset = "conv";
    CHECK(test::thrownMessage([&] { train::train(o, log); }) ==
          "--tied applies to the dense presets (stacked, denoise-gaussian, denoise-dropout), not 'conv'");
}

TEST_CASE("--early-stop ends a run whose validation loss stops improving") {
    test::TempDir dir;
    std::ostringstream log;
    train::TrainOptions o = quick("stacked", dir, 500, 6);
    o.lr = 1e-12f;  // the weights stay put to float precision: no epoch improves on the first
    o.earlyStop = 2;
    const train::TrainResult r = train::train(o, log);
    CHECK(r.history.size() == 3);
    CHECK(r.bestEpoch == 1);
    CHECK(log.str().find("early stop: no better validation loss for 2 epochs") != std::string::npos);
}

TEST_CASE("--init starts from another model's matching layers, a grown input starts at zero, a shrunk one keeps the first") {
    // The run starts where the model it is initialised from ended: its validation loss first.
    test::TempDir dir;
    std::ostringstream log;
    const train::TrainResult first = train::train(quick("stacked", dir, 1000, 2), log);
    train::TrainOptions warm = quick("stacked", dir, 1000, 1);
    warm.out = dir.file("warm.onnx");
    warm.init = dir.file("stacked.onnx");
    const train::TrainResult second = train::train(warm, log);
    CHECK(second.initialValidationLoss == doctest::Approx(first.bestValidationLoss).epsilon(1e-6));
    CHECK(log.str().find("initialised 4 of 4 layers from " + warm.init + "\n") != std::string::npos);

    // BGR -> BGR + a noise-level map: the 3-channel U-Net's filters (image-denoise's network
    // on BGR alone, as the first removers were), zero for the 4th channel, so the warm-started
    // denoiser computes what the old network did whatever the map holds.
    model::Model source = train::makeRecipe("image-denoise", 5).model;
    source.inputShape[1] = 3;
    for (model::Node& n : source.nodes) {
        if (n.name != "down0") continue;
        cv::Mat& w = n.weights[0];  // [32, 4, 2, 2] -> [32, 3, 2, 2]
        w = w(std::vector<cv::Range>{cv::Range::all(), cv::Range(0, 3), cv::Range::all(), cv::Range::all()}).clone();
    }
    model::Model target = train::makeRecipe("image-denoise", 8).model;
    const std::string line = train::warmStart(target, source, "old.onnx");
    CHECK(line == "initialised 11 of 11 layers from old.onnx; down0 3 -> 4 input channels (the new ones start at "
                  "zero)\n");
    const model::Node& down0 = target.node("down0");
    REQUIRE(down0.weights[0].size[1] == 4);
    const int shape[] = {1, 4, 32, 48};
    cv::Mat input(4, shape, CV_32F);
    cv::randu(input, 0.0, 1.0);
    const cv::Mat bgr = input(std::vector<cv::Range>{cv::Range::all(), cv::Range(0, 3), cv::Range::all(),
                                                     cv::Range::all()}).clone();
    aecv::registerLayers();
    cv::dnn::Net oldNet = model::loadNet(source), newNet = model::loadNet(target);
    oldNet.setInput(bgr);
    newNet.setInput(input);
    const cv::Mat a = oldNet.forward("recon"), b = newNet.forward("recon");
    CHECK(cv::norm(a, b, cv::NORM_INF) < 1e-5);
    aecv::unregisterLayers();

    // One level deeper: the shared levels are taken, the new ones keep fresh weights and say why.
    model::Model deep = train::makeRecipe("image-denoise-deep", 8).model;
    const std::string partial = train::warmStart(deep, source, "old.onnx");
    CHECK(partial.find("initialised 10 of 15 layers from old.onnx; down0 3 -> 4") == 0);
    CHECK(partial.find("fresh weights: enc3 (not in it), down3 (not in it), code (96x96x3x3, not 128x128x3x3)") !=
          std::string::npos);

    // Back from 4 inputs to 3 (the watermark remover started from the denoiser): the first 3
    // channels' filters, the level map's dropped.
    model::Model remover = train::makeRecipe("image-watermark", 8).model;
    const std::string fewer = train::warmStart(remover, deep, "deep.onnx");
    CHECK(fewer.find("initialised 14 of 17 layers from deep.onnx; down0 4 -> 3 input channels (the first taken); "
                     "fresh weights: stem (not in it), up0 (not in it), head (not in it)") == 0);
    const cv::Mat& from = deep.node("down0").weights[0];
    const cv::Mat& to = remover.node("down0").weights[0];
    REQUIRE(to.size[1] == 3);
    for (int o = 0; o < to.size[0]; ++o)
        for (int c = 0; c < 3; ++c)
            CHECK(std::equal(to.ptr<float>(o, c), to.ptr<float>(o, c) + 4, from.ptr<float>(o, c)));

    model::Model dense = train::makeRecipe("stacked", 1).model;
    CHECK_THROWS_WITH(train::warmStart(dense, source, "old.onnx"),
                      doctest::Contains("--init 'old.onnx': none of its layers matches this preset's by name, op and "
                                        "shape (enc1 (Conv, not Dense), code (Conv, not Dense), dec1 (Conv, not "
                                        "Dense), dec2 (Conv, not Dense))"));
}

namespace {

// The largest difference between two models' weights, node by node (infinity when their layers differ).
double weightDistance(const model::Model& a, const model::Model& b) {
    if (a.nodes.size() != b.nodes.size()) return std::numeric_limits<double>::infinity();
    double worst = 0;
    for (size_t i = 0; i < a.nodes.size(); ++i) {
        if (a.nodes[i].weights.size() != b.nodes[i].weights.size()) return std::numeric_limits<double>::infinity();
        for (size_t w = 0; w < a.nodes[i].weights.size(); ++w)
            worst = std::max(worst, test::maxAbsDiff(a.nodes[i].weights[w], b.nodes[i].weights[w]));
    }
    return worst;
}

// aecv-train under `mpirun -np ranks` (as root when this is root: Open MPI wants to be told; no
// single-copy (CMA) transfers between ranks, which containers often forbid).
test::CommandResult trainOnRanks(int ranks, const std::string& args) {
    const std::string root = ::geteuid() == 0 ? " --allow-run-as-root" : "";
    return test::runCommand("ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" " + std::string(AECV_MPIEXEC) + root +
                            " --oversubscribe --mca btl_vader_single_copy_mechanism none -np " + std::to_string(ranks) + " " + AECV_TRAIN_TOOL + " " + args);
}

}  // namespace

TEST_CASE("mpirun -np 2 aecv-train takes the steps one process takes on the same global batch, and resumes on 1") {
    if (std::string(AECV_MPIEXEC).empty()) {
        MESSAGE("aecv-test-skipped: no mpirun (apt-get install openmpi-bin libopenmpi-dev)");
        return;
    }
    test::TempDir dir;
    // A dense preset on Fashion-MNIST (tied too: its gradients are summed after backward, the
    // others' in buckets while backward runs) and the photo denoiser (patches, noise-level
    // corruption, per-sample loss weights): 2 epochs each on one process, then on two.
    for (const char* args : {"--preset stacked --limit 2048 --epochs 2 --seed 5",
                             "--preset stacked --tied --limit 2048 --epochs 2 --seed 5",
                             "--preset image-denoise --limit 32 --epochs 2 --seed 5"}) {
        CAPTURE(args);
        const test::CommandResult one = test::runCommand(std::string(AECV_TRAIN_TOOL) + " " + args + " --out " + dir.file("one.onnx"));
        CAPTURE(one.out);
        REQUIRE(one.status == 0);
        const test::CommandResult two = trainOnRanks(2, std::string(args) + " --out " + dir.file("two.onnx"));
        CAPTURE(two.out);
        REQUIRE(two.status == 0);
        CHECK(two.out.find("data parallel on 2 processes") != std::string::npos);
        // Checked every epoch by the trainer itself (fingerprints of the arena gathered to every rank).
        CHECK(two.out.find("weights identical on every rank after every epoch") != std::string::npos);
        const model::Model a = model::readOnnx(dir.file("one.onnx")), b = model::readOnnx(dir.file("two.onnx"));
        // The same steps but for the order of the gradient sums: float rounding, no more.
        CHECK(weightDistance(a, b) < 1e-4);
        const double lossA = std::stod(a.metadata.at("val_loss")), lossB = std::stod(b.metadata.at("val_loss"));
        CHECK(std::abs(lossA - lossB) <= 1e-3 * lossA);
        CHECK(!std::filesystem::exists(dir.file("two.onnx.ckpt.tmp")));
    }
    // 1 epoch on 2 ranks, the 2nd on 1 process from its checkpoint: where 2 epochs on 1 end.
    const std::string args = "--preset stacked --limit 2048 --seed 5";
    REQUIRE(trainOnRanks(2, args + " --epochs 1 --out " + dir.file("half.onnx")).status == 0);
    const test::CommandResult resumed = test::runCommand(std::string(AECV_TRAIN_TOOL) + " " + args + " --epochs 2 --resume " +
                                                         dir.file("half.onnx.ckpt") + " --out " + dir.file("half.onnx"));
    CAPTURE(resumed.out);
    REQUIRE(resumed.status == 0);
    REQUIRE(test::runCommand(std::string(AECV_TRAIN_TOOL) + " " + args + " --epochs 2 --out " + dir.file("whole.onnx")).status == 0);
    CHECK(weightDistance(model::readOnnx(dir.file("half.onnx")), model::readOnnx(dir.file("whole.onnx"))) < 1e-4);
    // --sample-streams: each rank corrupts only its rows, from streams per sample, so 2 ranks
    // still end where 1 process does (and it is refused where a noise op corrupts whole batches).
    const std::string streams = "--preset image-watermark --limit 64 --epochs 1 --seed 5 --sample-streams";
    REQUIRE(test::runCommand(std::string(AECV_TRAIN_TOOL) + " " + streams + " --out " + dir.file("s1.onnx")).status == 0);
    REQUIRE(trainOnRanks(2, streams + " --out " + dir.file("s2.onnx")).status == 0);
    CHECK(weightDistance(model::readOnnx(dir.file("s1.onnx")), model::readOnnx(dir.file("s2.onnx"))) < 1e-4);
    const test::CommandResult op = test::runCommand(std::string(AECV_TRAIN_TOOL) +
        " --preset denoise-gaussian --limit 64 --epochs 1 --sample-streams --out " + dir.file("op.onnx"));
    CHECK(op.status == 2);
    CHECK(op.out.find("error: --sample-streams: preset 'denoise-gaussian' corrupts whole batches at once") != std::string::npos);
    // More processes than samples in a batch: refused, and the whole job ends.
    const test::CommandResult tiny = trainOnRanks(2, args + " --batch 1 --epochs 1 --out " + dir.file("tiny.onnx"));
    CHECK(tiny.status != 0);
    CHECK(tiny.out.find("error: 2 processes for a batch of 1: every process needs a sample of each batch") != std::string::npos);
}

TEST_CASE("a rank killed in mpirun -np 2 aecv-train ends the job by name and leaves the last checkpoint to resume from") {
    if (std::string(AECV_MPIEXEC).empty()) {
        MESSAGE("aecv-test-skipped: no mpirun (apt-get install openmpi-bin libopenmpi-dev)");
        return;
    }
    test::TempDir dir;
    const std::string out = dir.file("dies.onnx"), checkpoint = out + ".ckpt";
    const std::string args = "--preset image-denoise --limit 320 --seed 3 --out " + out;
    // The run in the background; once the first checkpoint is there, SIGKILL for the process whose
    // Open MPI rank is 1 (its environment says which).
    const std::string root = ::geteuid() == 0 ? " --allow-run-as-root" : "";
    const test::CommandResult r = test::runCommand(
        "( ASAN_OPTIONS=\"$ASAN_OPTIONS:detect_leaks=0\" " + std::string(AECV_MPIEXEC) + root +
        " --oversubscribe --mca btl_vader_single_copy_mechanism none -np 2 " + AECV_TRAIN_TOOL + " " + args +
        " --epochs 50 > " + dir.file("log") + " 2>&1; echo \"exit $?\" >> " + dir.file("log") + " ) & "
        "for i in $(seq 1 1200); do [ -f '" + checkpoint + "' ] && break; sleep 0.1; done; "
        "for p in $(pgrep -f -- '--out " + out + "'); do "
        "  grep -qz '^OMPI_COMM_WORLD_RANK=1$' /proc/$p/environ 2>/dev/null && kill -9 $p; done; "
        "wait; cat " + dir.file("log"));
    CAPTURE(r.out);
    CHECK(r.out.find("mpirun noticed that process rank 1") != std::string::npos);
    CHECK(r.out.find("exited on signal 9 (Killed)") != std::string::npos);
    CHECK(r.out.find("exit 0\n") == std::string::npos);
    CHECK(!std::filesystem::exists(out));  // it never got to the end
    // The checkpoint rank 0 wrote is whole: one process resumes from it.
    const test::CommandResult resumed = test::runCommand(std::string(AECV_TRAIN_TOOL) + " " + args +
                                                         " --epochs 2 --resume " + checkpoint);
    CAPTURE(resumed.out);
    CHECK(resumed.status == 0);
    CHECK(resumed.out.find("resuming image-denoise after epoch") != std::string::npos);
}

TEST_CASE("bf16 training learns as f32 training does, and leaves f32 behind it") {
    if (!ops::cpuHasBf16()) {
        MESSAGE("aecv-test-skipped: this CPU has no AVX-512 BF16");
        return;
    }
    test::TempDir dir;
    std::ostringstream log;
    train::TrainOptions o = quick("conv", dir, 3200, 1);
    const train::TrainResult f32 = train::train(o, log);
    o.precision = "bf16";
    o.out = dir.file("conv-bf16.onnx");
    const train::TrainResult bf16 = train::train(o, log);
    CAPTURE(f32.bestValidationLoss);
    CAPTURE(bf16.bestValidationLoss);
    CHECK(bf16.bestValidationLoss != f32.bestValidationLoss);  // it really trained in bf16
    CHECK(bf16.bestValidationLoss < 0.7 * bf16.initialValidationLoss);
    CHECK(std::abs(bf16.bestValidationLoss - f32.bestValidationLoss) < 0.03 * f32.bestValidationLoss);
    CHECK(ops::trainingType() == dnnl::memory::data_type::f32);
}
