// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "camera_noise.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace aecv::train {

namespace {

double readFor(double logShot, double jitter) { return std::exp(0.5 * (2.18 * logShot + 1.20 + jitter)); }

}  // namespace

CameraNoise CameraNoise::random(cv::RNG& rng, double jpegShare) {
    CameraNoise n;
    const double logShot = rng.uniform(std::log(1e-4), std::log(1.2e-2));
    n.shot = std::exp(logShot);
    n.read = readFor(logShot, rng.gaussian(0.26));
    n.gamma = rng.uniform(1.8, 2.6);
    n.redGain = rng.uniform(1.9, 2.4);
    n.blueGain = rng.uniform(1.5, 1.9);
    n.brightness = 1.0 / std::clamp(0.8 + rng.gaussian(0.1), 0.5, 1.1);
    n.jpegQuality = rng.uniform(0.0, 1.0) < jpegShare ? rng.uniform(60, 96) : 0;
    return n;
}

CameraNoise CameraNoise::atShot(double shot, int jpegQuality) {
    CameraNoise n;
    n.shot = shot;
    n.read = readFor(std::log(shot), 0.0);
    n.jpegQuality = jpegQuality;
    return n;
}

void addSensorNoise(cv::Mat& signal, double shot, double read, cv::RNG& rng) {
    CV_Assert(signal.type() == CV_32F);
    cv::Mat sd, noise(signal.size(), CV_32F);
    cv::sqrt(cv::max(signal, 0.0) * shot + read * read, sd);
    rng.fill(noise, cv::RNG::NORMAL, 0.0, 1.0);
    signal += sd.mul(noise);
}

void addCameraNoise(const cv::Mat& bgr, cv::Mat& noisy, const CameraNoise& p, cv::RNG& rng) {
    CV_Assert(bgr.type() == CV_32FC3 && bgr.rows % 2 == 0 && bgr.cols % 2 == 0);
    const int rows = bgr.rows, cols = bgr.cols;
    // Per channel (B, G, R): what the camera multiplies the raw signal by after demosaicing.
    const cv::Scalar gain(p.blueGain * p.brightness, p.brightness, p.redGain * p.brightness);
    // sRGB -> linear light -> raw (gains undone), sampled on the RGGB mosaic (R at even rows and
    // columns, B at odd ones).
    cv::Mat linear;
    cv::pow(cv::max(cv::min(bgr, 1.0), 0.0), p.gamma, linear);
    cv::divide(linear, gain, linear);
    cv::Mat signal(rows, cols, CV_32F);
    for (int y = 0; y < rows; ++y) {
        const cv::Vec3f* in = linear.ptr<cv::Vec3f>(y);
        float* out = signal.ptr<float>(y);
        for (int x = 0; x < cols; ++x) {
            const int c = (y % 2 == 0) ? (x % 2 == 0 ? 2 : 1) : (x % 2 == 0 ? 1 : 0);  // R G / G B
            out[x] = std::min(1.f, in[x][c]);
        }
    }
    addSensorNoise(signal, p.shot, p.read, rng);
    cv::Mat raw16;
    signal.convertTo(raw16, CV_16U, 65535.0);  // rounded, clipped to [0, 1]
    // The camera's path: OpenCV's demosaicing (it names Bayer patterns by the second row's second
    // and third pixels: RGGB is "BG"), white balance and brightness, tone curve, 8 bits, JPEG.
    cv::Mat demosaiced, rgbLinear, toned;
    cv::demosaicing(raw16, demosaiced, cv::COLOR_BayerBG2BGR);
    demosaiced.convertTo(rgbLinear, CV_32FC3, 1.0 / 65535);
    cv::multiply(rgbLinear, gain, rgbLinear);
    cv::pow(cv::min(rgbLinear, 1.0), 1.0 / p.gamma, toned);
    cv::Mat out8;
    toned.convertTo(out8, CV_8UC3, 255.0);
    if (p.jpegQuality > 0) {
        std::vector<uint8_t> bytes;
        cv::imencode(".jpg", out8, bytes, {cv::IMWRITE_JPEG_QUALITY, p.jpegQuality});
        out8 = cv::imdecode(bytes, cv::IMREAD_COLOR);
    }
    out8.convertTo(noisy, CV_32FC3, 1.0 / 255);
}

}  // namespace aecv::train
