// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Train-time corruption of the input (denoising autoencoders train on g(f(x + w)) against x).
#pragma once

#include <memory>
#include <vector>

#include <opencv2/core.hpp>

#include "presets.hpp"

namespace aecv::train {

class Corruption {
public:
    virtual ~Corruption() = default;
    virtual void apply(const cv::Mat& clean, cv::Mat& corrupted) = 0;
    virtual cv::RNG& rng() = 0;  // its state goes into checkpoints
    // Per-sample streams: from now on sample i of an apply() draws from a generator of its own,
    // seeded by (`key`, `first` + i), instead of the running rng(); so any process can corrupt
    // any rows of a batch alone and get what one process gets (`key`: the step). False where a
    // corruption cannot (the dense presets' noise ops draw for the whole batch at once).
    virtual bool supportsSampleStreams() const { return false; }
    void useSampleStreams(uint64_t key, int first) {
        streams_ = true;
        key_ = key;
        first_ = first;
    }
    // A loss weight per sample of the last apply(), or empty for equal weights.
    virtual const std::vector<float>& sampleWeights() const {
        static const std::vector<float> none;
        return none;
    }
    // What the model should give back for the last apply(), when that is not the clean input
    // itself (the watermark remover: the unmarked picture through the same JPEG); else empty.
    virtual const cv::Mat& target() const { return none_; }
    // The mask the model should find for the last apply(), [N, 1, H, W] in [0, 1] (the watermark
    // remover: the marks' alpha); else empty.
    virtual const cv::Mat& targetMask() const { return none_; }

protected:
    // With sample streams: reseeds `rng` for sample i of this apply(); otherwise nothing.
    void startSample(cv::RNG& rng, int i) const;

private:
    cv::Mat none_;
    bool streams_ = false;
    uint64_t key_ = 0;
    int first_ = 0;
};

// The recipe's corruption, or nullptr for none:
//   Gaussian  x + N(0, amount)                       (aecv's GaussianNoise op)
//   Dropout   x * mask / (1 - amount)                (aecv's Dropout op)
//   Blind     clip(x + N(0, s), 0, 1), s ~ U[lo, hi) per sample: noise of unknown level
//   NoiseLevelMap  per sample: no noise (10%), Gaussian of sigma U[1, 55] of 255 (40%), or camera
//             noise (50%, CameraNoise::random: mosaic, Poisson-Gaussian, demosaicing, tone curve,
//             8 bits, JPEG for 30%); output [N, 4, H, W]: the noisy BGR (8-bit values, as a camera
//             gives) and a map of the level estimateNoiseLevel() reads on it, / 255, times a
//             random factor in [0.9, 1.1] (so the model learns to follow the level it is given);
//             loss weights ((25/255)^2 + c) / (s^2 + c), s the noise's RMS, c = (5/255)^2, so every
//             noise level counts about as much in PSNR terms (plain MSE is all heavy noise)
//   Watermark per sample none (10%), one (50%) or two (40%) aecv::Watermark::random() marks
//             (Set::Training: text in Debian's fonts and OpenCV's, tiled text, symbols, logos;
//             plain, outlined, shadowed, embossed), each drawn for the patch (40%) or for a picture
//             of up to kMarkedPictureSide pixels the patch is a random window of (60%: marks at
//             the scale whole photos show them), then for 30% JPEG at quality 50..95; target():
//             the clean patch through the same JPEG; targetMask(): the marks' alpha, all of them
//             together (with the recipe's visibleMarks: 0 where the marked patch differs from the
//             target by no more than that in every channel). The clean patch is varied first: colours for half of them, and an opaque
//             text or logo that is part of the picture (to be kept) for the recipe's
//             sceneTextShare (2 in 5 by default), of which the recipe's scenePanels (none by
//             default) on a flat panel of its own (a sign, a label, a printed page). With the recipe's
//             maskInput (the inpainter) every patch gets a mark, drawn again (up to 8 times) until
//             a pixel of the patch shows it, and the output has a 4th channel: where the marks
//             are, as a user would mark them (alpha > kMarkedAlpha, grown by 0..3 pixels), 0 or 1;
//             with the recipe's fillPrior also channels 4..6: cv::inpaint (Navier-Stokes, radius
//             filters::kFillRadius) of the marked patch (8-bit) over that mask.
// The largest picture side the watermark corruption draws marks for.
constexpr int kMarkedPictureSide = 480;

std::unique_ptr<Corruption> makeCorruption(const Recipe& r, uint64_t seed);

}  // namespace aecv::train
