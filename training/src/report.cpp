// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/slice.hpp"
#include "report.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include <aecv/autoencoder.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "model/atomic_file.hpp"
#include "ops/tensor.hpp"

namespace aecv::train {

namespace {

void writePng(const std::string& path, const cv::Mat& image) {
    std::vector<uchar> png;
    if (!cv::imencode(".png", image, png)) CV_Error(cv::Error::StsError, cv::format("cannot encode '%s'", path.c_str()));
    model::writeFileAtomically(path, std::string(png.begin(), png.end()));
}

// Two curves (train, validation) over the epochs, with axes, ticks and a legend.
cv::Mat plotLosses(const std::vector<EpochStats>& history) {
    const int w = 640, h = 400, left = 70, right = 20, top = 20, bottom = 50;
    cv::Mat img(h, w, CV_8UC3, cv::Scalar(255, 255, 255));
    double lo = 1e300, hi = -1e300;
    for (const EpochStats& e : history) {
        lo = std::min({lo, e.trainLoss, e.validationLoss});
        hi = std::max({hi, e.trainLoss, e.validationLoss});
    }
    if (hi - lo < 1e-9) hi = lo + 1e-3;
    const double pad = (hi - lo) * 0.05;
    lo -= pad;
    hi += pad;
    const int epochs = std::max(2, static_cast<int>(history.size()));
    auto px = [&](double epoch) { return left + static_cast<int>((epoch - 1) / (epochs - 1) * (w - left - right)); };
    auto py = [&](double loss) { return top + static_cast<int>((hi - loss) / (hi - lo) * (h - top - bottom)); };
    const cv::Scalar axis(0, 0, 0), grid(225, 225, 225);
    for (int i = 0; i <= 4; ++i) {
        const double v = lo + (hi - lo) * i / 4;
        cv::line(img, {left, py(v)}, {w - right, py(v)}, grid);
        cv::putText(img, cv::format("%.4f", v), {4, py(v) + 4}, cv::FONT_HERSHEY_SIMPLEX, 0.4, axis);
    }
    for (int e = 1; e <= epochs; e += std::max(1, epochs / 10))
        cv::putText(img, std::to_string(e), {px(e) - 4, h - bottom + 18}, cv::FONT_HERSHEY_SIMPLEX, 0.4, axis);
    cv::rectangle(img, {left, top}, {w - right, h - bottom}, axis);
    cv::putText(img, "epoch", {w / 2 - 20, h - 12}, cv::FONT_HERSHEY_SIMPLEX, 0.5, axis);
    const cv::Scalar colors[] = {{200, 80, 0}, {0, 90, 230}};
    const char* names[] = {"train", "validation"};
    for (int series = 0; series < 2; ++series) {
        std::vector<cv::Point> points;
        for (const EpochStats& e : history)
            points.emplace_back(px(e.epoch), py(series == 0 ? e.trainLoss : e.validationLoss));
        cv::polylines(img, points, false, colors[series], 2, cv::LINE_AA);
        for (const cv::Point& p : points) cv::circle(img, p, 3, colors[series], cv::FILLED, cv::LINE_AA);
        cv::putText(img, names[series], {w - right - 110, top + 20 + 18 * series}, cv::FONT_HERSHEY_SIMPLEX, 0.5,
                    colors[series], 1, cv::LINE_AA);
    }
    return img;
}

// 2-D codes as points over [-4, 4]^2, one colour per label.
cv::Mat plotCodes(const cv::Mat& codes, const std::vector<int>& labels) {
    const int side = 500;
    cv::Mat img(side, side, CV_8UC3, cv::Scalar(255, 255, 255));
    auto at = [&](float x, float y) {
        return cv::Point(static_cast<int>((x + 4.f) / 8.f * side), static_cast<int>((4.f - y) / 8.f * side));
    };
    cv::line(img, at(-4, 0), at(4, 0), cv::Scalar(200, 200, 200));
    cv::line(img, at(0, -4), at(0, 4), cv::Scalar(200, 200, 200));
    const cv::Scalar colors[] = {{200, 80, 0}, {0, 90, 230}, {40, 160, 40}, {160, 40, 160}, {0, 0, 0}};
    for (int i = 0; i < codes.size[0]; ++i) {
        const int label = i < static_cast<int>(labels.size()) ? std::min(labels[static_cast<size_t>(i)], 4) : 4;
        cv::circle(img, at(codes.ptr<float>(i)[0], codes.ptr<float>(i)[1]), 2, colors[label], cv::FILLED, cv::LINE_AA);
    }
    cv::putText(img, "code[0] (x), code[1] (y) over [-4, 4]", {10, side - 10}, cv::FONT_HERSHEY_SIMPLEX, 0.45,
                cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
    return img;
}

cv::Mat stack(const cv::Mat& a, const cv::Mat& b) {
    cv::Mat out;
    cv::vconcat(a, b, out);
    return out;
}

}  // namespace

void writeLossCurves(const std::string& dir, const std::vector<EpochStats>& history) {
    std::filesystem::create_directories(dir);
    const std::string csv = dir + "/loss.csv";
    std::ostringstream out;
    out << "epoch,train_loss,validation_loss,seconds\n";
    for (const EpochStats& e : history)
        out << e.epoch << ',' << e.trainLoss << ',' << e.validationLoss << ',' << e.seconds << '\n';
    model::writeFileAtomically(csv, out.str());
    if (!history.empty()) writePng(dir + "/loss.png", plotLosses(history));
}

void writePictures(const std::string& dir, const std::string& modelPath, const cv::Mat& inputs,
                   const cv::Mat& targets, const std::vector<int>& labels, uint64_t seed) {
    std::filesystem::create_directories(dir);
    Autoencoder ae(modelPath);
    const int columns = std::min(10, inputs.size[0]);
    const cv::Mat originals = ops::sampleRange(inputs, 0, columns).clone();
    cv::Mat shown = originals;  // a denoiser's noise-level map is not a picture: its BGR only
    if (originals.size[1] == 4) ops::Slice({0, 3}).forward({originals}, shown, ops::Phase::Inference);
    cv::Mat picture = stack(imageGrid(shown, columns, 3), imageGrid(ae.reconstruct(originals), columns, 3));
    if (targets.data != inputs.data) picture = stack(picture, imageGrid(ops::sampleRange(targets, 0, columns).clone(), columns, 3));
    writePng(dir + "/reconstructions.png", picture);
    if (ae.metadata("task") != "vae") return;
    writePng(dir + "/samples.png", imageGrid(ae.sample(40, seed), 10, 3));
    const cv::Mat codes = ae.encode(originals);
    writePng(dir + "/interpolation.png",
             imageGrid(ae.interpolate(codes.row(0).clone(), codes.row(1).clone(), 10), 10, 3));
    if (codes.dims != 2 || codes.size[1] != 2) return;
    const cv::Mat all = ae.encode(ops::sampleRange(inputs, 0, std::min(2000, inputs.size[0])).clone());
    writePng(dir + "/latent.png", plotCodes(all, labels));
    constexpr int kGrid = 12;
    writePng(dir + "/latent_grid.png", imageGrid(ae.decodeGrid(kGrid), kGrid, 2));
}

}  // namespace aecv::train
