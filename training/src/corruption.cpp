// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "corruption.hpp"

#include <aecv/denoiser.hpp>
#include <aecv/watermark.hpp>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include "camera_noise.hpp"
#include "filters/image_filter.hpp"
#include "filters/noise_level.hpp"
#include "losses.hpp"
#include "ops/dropout.hpp"
#include "ops/gaussian_noise.hpp"

namespace aecv::train {

void Corruption::startSample(cv::RNG& rng, int i) const {
    if (!streams_) return;
    // splitmix64 of (key, sample index): streams of neighbouring samples and steps are unrelated.
    uint64_t z = key_ + 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(first_ + i + 1);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    rng.state = z != 0 ? z : 1;  // cv::RNG takes 0 for its default seed
}

namespace {

template <typename OpT>
class OpCorruption final : public Corruption {
public:
    OpCorruption(float amount, uint64_t seed) : op_(amount, seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        op_.forward({clean}, corrupted, ops::Phase::Training);
    }
    cv::RNG& rng() override { return op_.rng(); }

private:
    OpT op_;
};

class BlindGaussian final : public Corruption {
public:
    BlindGaussian(float lo, float hi, uint64_t seed) : lo_(lo), hi_(hi), rng_(seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        ops::ensureTensor(corrupted, ops::shapeOf(clean));
        const int n = clean.size[0];
        const size_t perSample = clean.total() / static_cast<size_t>(n);
        for (int i = 0; i < n; ++i) {
            startSample(rng_, i);
            const double sigma = rng_.uniform(static_cast<double>(lo_), static_cast<double>(hi_));
            cv::Mat noise(1, static_cast<int>(perSample), CV_32F, corrupted.ptr<float>(i));
            rng_.fill(noise, cv::RNG::NORMAL, 0.0, sigma);
            const cv::Mat x(1, static_cast<int>(perSample), CV_32F, const_cast<float*>(clean.ptr<float>(i)));
            noise += x;
        }
        cv::Mat flat = corrupted.reshape(1, 1);
        cv::max(flat, 0.0, flat);
        cv::min(flat, 1.0, flat);
    }
    cv::RNG& rng() override { return rng_; }
    bool supportsSampleStreams() const override { return true; }

private:
    float lo_, hi_;
    cv::RNG rng_;
};

class NoiseLevelMap final : public Corruption {
public:
    NoiseLevelMap(double cleanShare, uint64_t seed) : cleanShare_(cleanShare), rng_(seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        CV_Assert(clean.dims == 4 && clean.size[1] == 3);
        const int n = clean.size[0], h = clean.size[2], w = clean.size[3];
        ops::ensureTensor(corrupted, {n, 4, h, w});
        std::vector<cv::Mat> planes(3);
        cv::Mat bgr;
        weights_.resize(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) {
            cv::Mat noisy;  // a buffer per sample: a clean one is `bgr` itself
            for (int c = 0; c < 3; ++c) planes[static_cast<size_t>(c)] = cv::Mat(h, w, CV_32F, const_cast<float*>(clean.ptr<float>(i, c)));
            cv::merge(planes, bgr);
            startSample(rng_, i);
            const double kind = rng_.uniform(0.0, 1.0);
            if (kind < cleanShare_) {
                noisy = bgr;
            } else if (kind < cleanShare_ + 0.5 * (1.0 - cleanShare_)) {
                noisy.create(h, w, CV_32FC3);
                rng_.fill(noisy, cv::RNG::NORMAL, 0.0, rng_.uniform(1.0, 55.0) / 255);
                noisy += bgr;
                noisy.convertTo(noisy, CV_8UC3, 255.0);  // 8-bit pictures: rounded and clipped
                noisy.convertTo(noisy, CV_32FC3, 1.0 / 255);
            } else {
                addCameraNoise(bgr, noisy, CameraNoise::random(rng_), rng_);
            }
            const double level = estimateNoiseLevel(noisy) * std::exp(rng_.uniform(-0.1, 0.1));
            const double rms = cv::norm(noisy, bgr, cv::NORM_L2) / std::sqrt(static_cast<double>(noisy.total()) * 3.0);
            // MSE weighted by 1 / RMS (noise), capped at the RMS of sigma 5: PSNR is logarithmic, and
            // 1 / RMS^2 would let clean and mild patches outweigh sigma 50 by 100:1 (the network then
            // learns to do little); this is 11:1 from clean to sigma 50, 1 at sigma 25.
            const double c = 5.0 / 255;
            weights_[static_cast<size_t>(i)] = static_cast<float>((25.0 / 255 + c) / (rms + c));
            std::vector<cv::Mat> out{cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 0)),
                                     cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 1)),
                                     cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 2))};
            cv::split(noisy, out);
            cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 3)).setTo(level / filters::kLevelMapUnit);
        }
    }
    cv::RNG& rng() override { return rng_; }
    bool supportsSampleStreams() const override { return true; }
    const std::vector<float>& sampleWeights() const override { return weights_; }

private:
    double cleanShare_;
    cv::RNG rng_;
    std::vector<float> weights_;
};

class Watermark final : public Corruption {
public:
    Watermark(uint64_t seed, bool maskInput, bool fill, float visible, double sceneShare, double panels)
        : maskInput_(maskInput), fill_(fill), visible_(visible), sceneShare_(sceneShare), panels_(panels), rng_(seed) {}
    void apply(const cv::Mat& clean, cv::Mat& corrupted) override {
        CV_Assert(clean.dims == 4 && clean.size[1] == 3);
        const int n = clean.size[0], h = clean.size[2], w = clean.size[3];
        ops::ensureTensor(corrupted, {n, fill_ ? 7 : maskInput_ ? 4 : 3, h, w});
        ops::ensureTensor(target_, ops::shapeOf(clean));
        ops::ensureTensor(mask_, {n, 1, h, w});
        std::vector<cv::Mat> planes(3);
        cv::Mat bgr, marked, alpha, total;
        for (int i = 0; i < n; ++i) {
            for (int c = 0; c < 3; ++c)
                planes[static_cast<size_t>(c)] = cv::Mat(h, w, CV_32F, const_cast<float*>(clean.ptr<float>(i, c)));
            cv::merge(planes, bgr);
            startSample(rng_, i);
            varyPicture(bgr);
            const int count = rng_.uniform(0, 10);  // none 1 in 10, two 4 in 10, else one
            // An inpainter learns nothing from a patch with no marked pixel (about 6 in 10 of the
            // windows below): it gets at least one mark, drawn again (up to 8 times) until it shows.
            const int marks = std::max(count == 0 ? 0 : count >= 6 ? 2 : 1, maskInput_ ? 1 : 0);
            for (int attempt = 0; attempt < (maskInput_ ? 8 : 1); ++attempt) {
                bgr.copyTo(marked);
                total = cv::Mat::zeros(h, w, CV_32F);
                for (int k = 0; k < marks; ++k) {
                    // A mark drawn for a picture of `side` pixels, of which the patch is a window: large
                    // marks are seen at the scale they have on whole photos, not shrunk to the patch.
                    const int patchSide = std::max(w, h);
                    const int side = rng_.uniform(0, 10) < 4 ? patchSide : rng_.uniform(patchSide, kMarkedPictureSide + 1);
                    aecv::Watermark mark = aecv::Watermark::random({side, side}, rng_);
                    mark.center -= cv::Point2f(static_cast<float>(rng_.uniform(0, side - w + 1)),
                                               static_cast<float>(rng_.uniform(0, side - h + 1)));
                    aecv::addWatermark(marked, marked, mark, alpha);
                    total = 1.0 - (1.0 - total).mul(1.0 - alpha);
                }
                if (!maskInput_ || cv::countNonZero(total > kMarkedAlpha) > 0) break;
            }
            cv::Mat wanted = bgr;
            if (rng_.uniform(0, 10) < 3) {  // as the picture was passed on: JPEG, marked and clean alike
                const int quality = rng_.uniform(50, 96);
                marked = throughJpeg(marked, quality);
                wanted = throughJpeg(bgr, quality);
            }
            std::vector<cv::Mat> in{cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 0)),
                                    cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 1)),
                                    cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 2))};
            cv::split(marked, in);
            std::vector<cv::Mat> out{cv::Mat(h, w, CV_32F, target_.ptr<float>(i, 0)),
                                     cv::Mat(h, w, CV_32F, target_.ptr<float>(i, 1)),
                                     cv::Mat(h, w, CV_32F, target_.ptr<float>(i, 2))};
            cv::split(wanted, out);
            if (visible_ > 0.f) {  // the marks as they show: none where they change no channel by more than visible_
                cv::Mat change;
                cv::absdiff(marked, wanted, change);
                change = change.reshape(1, h * w);
                cv::reduce(change, change, 1, cv::REDUCE_MAX);
                total.setTo(0.f, change.reshape(1, h) <= visible_);
            }
            total.copyTo(cv::Mat(h, w, CV_32F, mask_.ptr<float>(i)));
            if (maskInput_) {  // where a user would say the marks are: the marked pixels, often generously
                cv::Mat where = cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 3));
                cv::threshold(total, where, kMarkedAlpha, 1.0, cv::THRESH_BINARY);
                const int grow = rng_.uniform(0, 4);  // 0..3 pixels
                if (grow > 0)
                    cv::dilate(where, where, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * grow + 1, 2 * grow + 1}));
                if (fill_) {  // channels 4..6: cv::inpaint's fill of the marked patch there, as the filter makes it
                    cv::Mat marked8, where8, filled;
                    marked.convertTo(marked8, CV_8UC3, 255.0);
                    where.convertTo(where8, CV_8U);
                    filters::fillNavierStokes(marked8, where8, filled);
                    filled.convertTo(filled, CV_32FC3, 1.0 / 255);
                    std::vector<cv::Mat> fillPlanes{cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 4)),
                                                    cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 5)),
                                                    cv::Mat(h, w, CV_32F, corrupted.ptr<float>(i, 6))};
                    cv::split(filled, fillPlanes);
                }
            }
        }
    }
    cv::RNG& rng() override { return rng_; }
    bool supportsSampleStreams() const override { return true; }
    const cv::Mat& target() const override { return target_; }
    const cv::Mat& targetMask() const override { return mask_; }

private:
    // The picture before any mark, varied so the remover meets more kinds of picture than the
    // photos hold: colours (channel order, saturation, gamma: half of the patches) and, for
    // sceneShare_ of them (2 in 5 by default), an opaque text or logo that belongs to the picture
    // (scene text, a sign) and is to be kept: what tells a watermark from it is that a watermark
    // lets the picture show through. (1 in 5 until 2026-12-06: the remover then fired on real
    // text in unseen photos. --scene-text-share sets it; 0.1 did not make the detector find more
    // of large translucent words, samples/models/README.md.) One draw either way; the default's
    // is the one the recipes made before it was a setting.
    void varyPicture(cv::Mat& bgr) {
        if (rng_.uniform(0, 2)) {
            static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
            const int* order = orders[rng_.uniform(0, 6)];
            std::vector<cv::Mat> c(3), mixed(3);
            cv::split(bgr, c);
            cv::Mat grey = (c[0] * 0.114 + c[1] * 0.587 + c[2] * 0.299);
            const double saturation = rng_.uniform(0.4, 1.4), gamma = std::exp(rng_.uniform(-0.4, 0.4));
            for (int k = 0; k < 3; ++k) {
                cv::Mat v = grey + saturation * (c[static_cast<size_t>(order[k])] - grey);
                cv::pow(cv::max(cv::min(v, 1.0), 0.0), gamma, mixed[static_cast<size_t>(k)]);
            }
            cv::merge(mixed, bgr);
        }
        const bool opaque = sceneShare_ == kSceneTextShare ? rng_.uniform(0, 5) < 2 : rng_.uniform(0.0, 1.0) < sceneShare_;
        if (opaque) {
            aecv::Watermark scene = aecv::Watermark::random(bgr.size(), rng_);
            scene.opacity = 1.0;
            scene.tiled = false;
            scene.style = rng_.uniform(0, 3) ? aecv::Watermark::Style::Plain : aecv::Watermark::Style::Outline;
            scene.color = cv::Scalar(rng_.uniform(0.0, 1.0), rng_.uniform(0.0, 1.0), rng_.uniform(0.0, 1.0));
            if (panels_ > 0 && rng_.uniform(0.0, 1.0) < panels_) drawPanel(bgr, scene);
            aecv::addWatermark(bgr, bgr, scene);
        }
    }

    // A flat panel behind the scene text `scene` (a sign, a label, a printed page), flat but for a
    // slight gradient and grain, its edge `margin` past the text's, so the text is opaque on a
    // plain ground, as a mark over a wall or the sky is not. A text whose grey is within 0.3 of the
    // panel's takes the panel's colour inverted (which still differs little from a mid-grey panel:
    // 19 of 24 panels in the test stand out by 0.25 or more).
    void drawPanel(cv::Mat& bgr, aecv::Watermark& scene) {
        const cv::Rect text = cv::boundingRect(scene.alpha(bgr.size()) > kMarkedAlpha);
        const cv::Scalar ground(rng_.uniform(0.0, 1.0), rng_.uniform(0.0, 1.0), rng_.uniform(0.0, 1.0));
        const auto luma = [](const cv::Scalar& c) { return 0.114 * c[0] + 0.587 * c[1] + 0.299 * c[2]; };
        if (std::abs(luma(ground) - luma(scene.color)) < 0.3) scene.color = cv::Scalar::all(1.0) - ground;
        const int margin = cvRound(rng_.uniform(0.1, 0.6) * std::max(text.height, 4));
        const double slope = rng_.uniform(-0.1, 0.1), grain = rng_.uniform(0.0, 0.02);
        if (text.empty()) return;  // (a mark wholly outside the patch: nothing to draw it on)
        const cv::Rect panel = (text + cv::Size(2 * margin, 2 * margin) - cv::Point(margin, margin)) &
                               cv::Rect(0, 0, bgr.cols, bgr.rows);
        cv::Mat ramp(panel.size(), CV_32F), noise(panel.size(), CV_32FC3);
        for (int y = 0; y < ramp.rows; ++y) ramp.row(y).setTo(1.0 + slope * (y - ramp.rows / 2.0) / std::max(ramp.rows, 1));
        rng_.fill(noise, cv::RNG::NORMAL, 0.0, grain);
        cv::Mat flat(panel.size(), CV_32FC3, ground), rampBgr;
        cv::merge(std::vector<cv::Mat>(3, ramp), rampBgr);
        cv::Mat area = bgr(panel);
        cv::min(cv::max(flat.mul(rampBgr) + noise, 0.0), 1.0, area);
    }

    static cv::Mat throughJpeg(const cv::Mat& bgr, int quality) {
        cv::Mat bytes8, decoded, out;
        bgr.convertTo(bytes8, CV_8UC3, 255.0);
        std::vector<uchar> file;
        cv::imencode(".jpg", bytes8, file, {cv::IMWRITE_JPEG_QUALITY, quality});
        decoded = cv::imdecode(file, cv::IMREAD_COLOR);
        decoded.convertTo(out, CV_32FC3, 1.0 / 255);
        return out;
    }

    bool maskInput_, fill_;
    float visible_;
    double sceneShare_, panels_;
    cv::RNG rng_;
    cv::Mat target_, mask_;
};

}  // namespace

std::unique_ptr<Corruption> makeCorruption(const Recipe& r, uint64_t seed) {
    switch (r.corruption) {
    case CorruptionKind::None: return nullptr;
    case CorruptionKind::Gaussian: return std::make_unique<OpCorruption<ops::GaussianNoise>>(r.corruptionAmount, seed);
    case CorruptionKind::Dropout: return std::make_unique<OpCorruption<ops::Dropout>>(r.corruptionAmount, seed);
    case CorruptionKind::Blind: return std::make_unique<BlindGaussian>(r.noiseLow, r.noiseHigh, seed);
    case CorruptionKind::Watermark:
        return std::make_unique<Watermark>(seed, r.maskInput, r.fillPrior, r.visibleMarks, r.sceneTextShare, r.scenePanels);
    case CorruptionKind::NoiseLevelMap: return std::make_unique<NoiseLevelMap>(r.cleanShare, seed);
    }
    return nullptr;
}

}  // namespace aecv::train
