// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-quality: how well a trained image filter restores photos it never saw, against the
// classical method for the task, on the photos the image presets hold out of training.
//   aecv-quality denoise     clean photos (PSNR of the output against the input), Gaussian noise
//                            and camera noise at three light levels (and the camera's path with no
//                            sensor noise: what demosaicing and JPEG alone cost): noisy vs cv::bilateralFilter
//                            and cv::fastNlMeansDenoisingColored, each at its best parameters for
//                            the row, vs aecv::Denoiser with the level it estimates
//   aecv-quality watermark   marks of held-out fonts and words: watermarked vs cv::inpaint (given the
//                            true mask) vs aecv::WatermarkRemover (its own mask) vs the shipped
//                            inpainter (--inpaint-model: another, or the remover's) given the true mask;
//                            unmarked photos (PSNR of the output against the
//                            input); the mask's IoU
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>
#include <aecv/watermark.hpp>

#include <boost/program_options.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <cmath>
#include <iostream>

#include "camera_noise.hpp"
#include "cli.hpp"
#include "image_folder.hpp"
#include "presets.hpp"

namespace po = boost::program_options;

namespace {

using aecv::cli::UsageError;

struct Options {
    std::string task, model, data = "/usr/share/doc/opencv-doc/examples/data";
    std::string inpaintModel;  // watermark: the model of the "aecv inpaint" column (default: the shipped
                               // inpainter; "remover": the remover's inpaint())
    std::vector<double> sigmas{15, 25, 50};
    std::vector<std::string> light{"bright", "dim", "dark", "noiseless"};
    int maxWidth = 640, marks = 1;
    std::string styles = "held-out";  // watermark: the marks' fonts and words
    std::string photos = "held-out";  // or training
    double rampLow = -1, rampHigh = -1;  // watermark: WatermarkRemover::setMaskRamp (< 0: its default)
    std::optional<double> confirmWithin;  // watermark: WatermarkRemover::setConfirmWithin (unset: the model's)
    std::optional<double> detectScale;    // watermark: WatermarkRemover::setDetectScale (unset: the model's)
    uint64_t seed = 1;
    double strength = -1;  // < 0: the level estimated on each picture
    bool classical = true;  // also the classical methods (denoise: their grids, most of the run time)
    bool perPhoto = false;  // a line per photo
};

// The held-out photos of the task's preset, scaled to at most `maxWidth` pixels wide.
struct HeldOut {
    std::vector<cv::Mat> photos;
    std::vector<std::string> names;  // file names, for the worst case
};

HeldOut heldOutPhotos(const Options& o, const std::string& preset) {
    const aecv::train::Recipe recipe = aecv::train::makeRecipe(preset, 42);
    aecv::train::PhotoSplit split = aecv::train::loadPhotos(o.data, recipe.splitSide > 0 ? recipe.splitSide : recipe.patch);
    // --photos training: the training photos, to tune on without looking at the held-out ones
    const bool training = o.photos == "training";
    std::vector<cv::Mat>& photos = training ? split.train : split.validation;
    std::vector<std::string>& names = training ? split.trainNames : split.validationNames;
    for (cv::Mat& p : photos)
        if (p.cols > o.maxWidth) cv::resize(p, p, {}, double(o.maxWidth) / p.cols, double(o.maxWidth) / p.cols, cv::INTER_AREA);
    std::cout << photos.size() << (training ? " training photos (not the held-out ones) from " : " held-out photos from ")
              << o.data << (training ? "" : " (every fifth of each source)") << ", at most " << o.maxWidth << " px wide\n\n";
    return {std::move(photos), std::move(names)};
}

cv::Mat addNoise(const cv::Mat& image, double sigma, uint64_t seed) {
    cv::Mat noise(image.size(), CV_32FC3), f, noisy;
    cv::RNG(seed).fill(noise, cv::RNG::NORMAL, 0, sigma);
    image.convertTo(f, CV_32FC3);
    f += noise;
    f.convertTo(noisy, CV_8UC3);  // rounded and clipped, like a real 8-bit picture
    return noisy;
}

// Camera noise at a light level (aecv::train::CameraNoise: shot noise variance per unit of linear
// signal; read noise from Brooks et al.'s mean relation), JPEG at quality 90 as webcams send it.
// "noiseless": no sensor noise at all, so the row's input differs from the photo by the camera's
// path alone (bilinear demosaicing, 8 bits, JPEG): the floor under the other camera rows, which
// a filter that only removes noise cannot go below.
const std::map<std::string, double> kLight{{"bright", 1e-3}, {"dim", 4e-3}, {"dark", 1.2e-2}, {"noiseless", 0.0}};

cv::Mat cameraNoise(const cv::Mat& image, double shot, uint64_t seed) {
    cv::Mat even = image(cv::Rect(0, 0, image.cols & ~1, image.rows & ~1)), f, noisy, out;
    even.convertTo(f, CV_32FC3, 1.0 / 255);
    cv::RNG rng(seed);
    aecv::train::CameraNoise noise = aecv::train::CameraNoise::atShot(shot > 0 ? shot : 1e-3, 90);
    if (shot == 0) noise.shot = noise.read = 0;
    aecv::train::addCameraNoise(f, noisy, noise, rng);
    noisy.convertTo(out, CV_8UC3, 255.0);
    if (out.size() != image.size()) {  // an odd last row or column: kept as it was
        cv::Mat whole = image.clone();
        out.copyTo(whole(cv::Rect(0, 0, out.cols, out.rows)));
        out = whole;
    }
    return out;
}

// The best of a few parameter settings of a classical filter, for one row: the setting with the
// highest mean PSNR over the photos (an oracle no user has: the classical side at its best).
struct Classical {
    std::vector<double> sum;
    std::vector<std::string> names;
    void add(size_t k, const std::string& name, double psnr) {
        if (sum.size() <= k) sum.resize(k + 1, 0.0), names.resize(k + 1);
        sum[k] += psnr;
        names[k] = name;
    }
    size_t best() const { return static_cast<size_t>(std::max_element(sum.begin(), sum.end()) - sum.begin()); }
};

void denoise(const Options& o) {
    aecv::Denoiser denoiser = o.model.empty() ? aecv::Denoiser() : aecv::Denoiser(o.model);
    if (o.strength >= 0) denoiser.setStrength(o.strength);
    const HeldOut heldOut = heldOutPhotos(o, "image-denoise");
    const std::vector<cv::Mat>& photos = heldOut.photos;
    const double n = static_cast<double>(photos.size());
    cv::Mat out;

    double clean = 0, worstClean = 1e9, level = 0;
    size_t worstCleanPhoto = 0;
    std::vector<double> cleanPsnr;
    std::vector<std::pair<double, std::string>> perPhotoLines;  // PSNR, table line
    for (size_t i = 0; i < photos.size(); ++i) {
        denoiser.apply(photos[i], out);
        const double psnr = std::min(cv::PSNR(photos[i], out), 100.0);  // identical: 100 (cv::PSNR says 361)
        clean += psnr;
        cleanPsnr.push_back(psnr);
        if (psnr < worstClean) worstClean = psnr, worstCleanPhoto = i;
        level += denoiser.lastLevel();
        if (o.perPhoto)
            perPhotoLines.push_back({psnr, cv::format("| %s | %dx%d | %.2f | %.2f dB |", heldOut.names[i].c_str(),
                                                      photos[i].cols, photos[i].rows, denoiser.lastLevel(), psnr)});
    }
    if (o.perPhoto) {
        std::sort(perPhotoLines.begin(), perPhotoLines.end());
        std::cout << "| clean photo | size | level | PSNR(output, input) |\n|---|---|---|---|\n";
        for (const auto& line : perPhotoLines) std::cout << line.second << "\n";
        std::cout << "\n";
    }
    // The median too: a photo left bit-exact counts 100 dB and lifts the mean.
    std::nth_element(cleanPsnr.begin(), cleanPsnr.begin() + cleanPsnr.size() / 2, cleanPsnr.end());
    const auto below = std::count_if(cleanPsnr.begin(), cleanPsnr.end(), [](double p) { return p < 42.0; });
    std::cout << cv::format("clean photos: PSNR(output, input) %.2f dB on average, median %.2f dB, %.2f dB at worst "
                            "(%s), %d below 42 dB ", clean / n, cleanPsnr[cleanPsnr.size() / 2], worstClean,
                            heldOut.names[worstCleanPhoto].c_str(), static_cast<int>(below))
              << (!denoiser.takesNoiseLevel() ? std::string("(a blind model: no noise level)")
                  : o.strength >= 0 ? cv::format("(strength %.2f set)", o.strength)
                                    : cv::format("(estimated level %.2f of 255 on average)", level / n))
              << "\n\n" << std::flush;

    std::cout << "| noise | noisy | cv::bilateralFilter (best) | cv::fastNlMeansDenoisingColored (best) | aecv Denoiser |\n"
                 "|---|---|---|---|---|\n";
    struct Row {
        std::string label;
        std::function<cv::Mat(const cv::Mat&, uint64_t)> corrupt;
    };
    std::vector<Row> rows;
    for (double sigma : o.sigmas)
        rows.push_back({cv::format("Gaussian %g", sigma), [sigma](const cv::Mat& p, uint64_t s) { return addNoise(p, sigma, s); }});
    for (const std::string& l : o.light) {
        const double shot = kLight.at(l);
        rows.push_back({shot > 0 ? cv::format("camera, %s (shot %g)", l.c_str(), shot)
                                 : std::string("camera, noiseless (demosaicing and JPEG only)"),
                        [shot](const cv::Mat& p, uint64_t s) { return cameraNoise(p, shot, s); }});
    }
    for (const Row& row : rows) {
        double noisy = 0, aecv = 0, worstGain = 1e9, rowLevel = 0;
        size_t worstPhoto = 0;
        Classical bilateral, nlm;
        for (size_t i = 0; i < photos.size(); ++i) {
            const cv::Mat in = row.corrupt(photos[i], o.seed + i);
            const double before = cv::PSNR(photos[i], in);
            // The noise's size, for the classical filters' parameter grids (the true one: an oracle).
            const double sigma = std::max(1.0, 255.0 * std::pow(10.0, -before / 20));
            denoiser.apply(in, out);
            rowLevel += denoiser.lastLevel();
            const double after = cv::PSNR(photos[i], out);
            noisy += before;
            aecv += after;
            if (after - before < worstGain) worstGain = after - before, worstPhoto = i;
            if (!o.classical) continue;
            size_t k = 0;
            // Grids wide enough that the best setting of every row lies inside them, not on an edge.
            for (double colour : {1.0, 1.5, 2.0, 3.0, 4.0, 6.0})
                for (double space : {1.0, 2.0, 3.0, 5.0, 8.0}) {
                    cv::bilateralFilter(in, out, -1, colour * sigma, space);
                    bilateral.add(k++, cv::format("colour %.1f sigma, space %g", colour, space), cv::PSNR(photos[i], out));
                }
            k = 0;
            for (double h : {0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.2}) {
                const float hh = static_cast<float>(h * sigma);
                cv::fastNlMeansDenoisingColored(in, out, hh, hh, 7, 21);
                nlm.add(k++, cv::format("h = %.1f sigma", h), cv::PSNR(photos[i], out));
            }
        }
        const auto best = [n](const Classical& c) {
            return c.sum.empty() ? std::string("-") : cv::format("%.2f dB (%s)", c.sum[c.best()] / n, c.names[c.best()].c_str());
        };
        std::cout << cv::format("| %s | %.2f dB | %s | %s | %.2f dB (worst photo %+.2f dB, %s; level %.1f) |\n",
                                row.label.c_str(), noisy / n, best(bilateral).c_str(), best(nlm).c_str(), aecv / n,
                                worstGain, heldOut.names[worstPhoto].c_str(), rowLevel / n)
                  << std::flush;
    }
}

// PSNR over the pixels where `mask` is set only.
double maskedPsnr(const cv::Mat& clean, const cv::Mat& restored, const cv::Mat& mask) {
    const double n = 3.0 * cv::countNonZero(mask);
    const double sse = std::pow(cv::norm(clean, restored, cv::NORM_L2, mask), 2);
    return n == 0 || sse == 0 ? 100.0 : 10 * std::log10(255.0 * 255.0 * n / sse);
}

// Intersection over union of two 8-bit masks (1 when both are empty).
double iou(const cv::Mat& a, const cv::Mat& b) {
    const int both = cv::countNonZero(a & b), either = cv::countNonZero(a | b);
    return either == 0 ? 1.0 : static_cast<double>(both) / either;
}

// A mark as people put one on a photo, the `index`th photo's: in turn a large translucent word
// across the middle (white, then black), a tiled diagonal pattern, a small credit in a corner and
// a word turned across the photo, in the held-out fonts (in turn; OpenCV's Hershey if none is
// installed) and words. Fixed, unlike Watermark::random(): each style is a fifth of the photos,
// whatever the seed, and the marks a user most often tries (one large word) are not a minority.
aecv::Watermark typicalMark(cv::Size size, size_t index) {
    const std::vector<std::string>& fonts = aecv::Watermark::fontFiles(aecv::Watermark::Set::HeldOut);
    aecv::Watermark m;
    m.kind = aecv::Watermark::Kind::Text;
    if (fonts.empty()) m.font = cv::FONT_HERSHEY_DUPLEX;
    else m.fontFile = fonts[index / 5 % fonts.size()];
    m.thickness = 2;
    m.center = {static_cast<float>(size.width) / 2, static_cast<float>(size.height) / 2};
    const double height = [&] {  // the letters' height in pixels
        switch (index % 5) {
        case 0: m.text = "Sample Image"; m.color = cv::Scalar::all(1); m.opacity = 0.45; return 0.1;
        case 1: m.text = "PREVIEW ONLY"; m.color = cv::Scalar::all(0); m.opacity = 0.5; return 0.08;
        case 2:
            m.text = "images.example.org";
            m.color = cv::Scalar::all(1);
            m.opacity = 0.3;
            m.tiled = true;
            m.angle = 30;
            m.spacing = 1.6;
            return 0.04;
        case 3: m.text = "\u00a9 Kim Photo Co."; m.color = cv::Scalar::all(1); m.opacity = 0.7; return 0.0;
        default: m.text = "DO NOT COPY"; m.color = cv::Scalar::all(1); m.opacity = 0.35; m.angle = 35; return 0.08;
        }
    }() * size.width;
    m.scale = std::max(height, 14.0) / 22;  // (22 px at scale 1; the corner credit 14 px high)
    if (index % 5 == 3) {  // its bottom right 8 px from the photo's
        const cv::Rect box = cv::boundingRect(m.alpha(size) > 0.05);
        m.center.x += static_cast<float>(size.width - 8 - (box.x + box.width));
        m.center.y += static_cast<float>(size.height - 8 - (box.y + box.height));
    }
    return m;
}

void watermark(const Options& o) {
    aecv::WatermarkRemover remover = o.model.empty() ? aecv::WatermarkRemover() : aecv::WatermarkRemover(o.model);
    if (o.rampLow >= 0) remover.setMaskRamp(o.rampLow, o.rampHigh);
    if (o.confirmWithin) remover.setConfirmWithin(*o.confirmWithin);
    if (o.detectScale) remover.setDetectScale(*o.detectScale);
    if (remover.takesMask())
        throw UsageError("--model: '" + o.model + "' is an inpainter (it needs the mask); give it as --inpaint-model");
    // The "aecv inpaint (true mask)" column: the shipped inpainter, another one, or ("remover")
    // the remover's own inpaint().
    std::optional<aecv::WatermarkRemover> inpainter;
    if (o.inpaintModel != "remover")
        inpainter.emplace(o.inpaintModel.empty() ? aecv::defaultModelPath("inpaint") : o.inpaintModel);
    aecv::WatermarkRemover& restorer = inpainter ? *inpainter : remover;
    const HeldOut held = heldOutPhotos(o, "image-watermark");
    const std::vector<cv::Mat>& photos = held.photos;
    const aecv::Watermark::Set set = o.styles == "training" ? aecv::Watermark::Set::Training : aecv::Watermark::Set::HeldOut;
    // whole photo, inside the marks: watermarked, inpaint TELEA, inpaint NS (true mask), aecv, aecv inpaint (true mask)
    std::array<double, 5> whole{}, inside{};
    double unmarked = 0, unmarkedWorst = 1e9, iouSum = 0, iouWorst = 1e9, worstGain = 1e9;
    int harmed = 0, untouched = 0;  // marked photos made worse; unmarked photos returned bit-exact
    std::string unmarkedWorstName, iouWorstName, worstGainName;
    std::vector<std::pair<double, std::string>> perPhotoLines;  // gain, table line
    for (size_t i = 0; i < photos.size(); ++i) {
        const cv::Mat& photo = photos[i];
        cv::Mat out, found;
        remover.apply(photo, out);  // a photo with no mark: what comes back should be the photo
        const double same = cv::PSNR(photo, out);
        unmarked += same;
        if (cv::norm(photo, out, cv::NORM_INF) == 0) ++untouched;
        if (same < unmarkedWorst) {
            unmarkedWorst = same;
            unmarkedWorstName = held.names[i];
        }
        // `marks` marks of the held-out styles (or the training ones) drawn over the whole photo
        cv::RNG rng(o.seed + i);
        cv::Mat in = photo.clone(), alpha = cv::Mat::zeros(in.size(), CV_32F), a;
        for (int m = 0; m < o.marks; ++m) {
            const size_t k = i + static_cast<size_t>(m) * 2;  // (a second mark in another style)
            aecv::addWatermark(in, in, o.styles == "typical" ? typicalMark(in.size(), k) : aecv::Watermark::random(in.size(), rng, set), a);
            alpha = 1.0 - (1.0 - alpha).mul(1.0 - a);
        }
        const cv::Mat mask = alpha > 0.05;  // the marked pixels (the rest of alpha is invisible)
        std::array<cv::Mat, 5> results;
        results[0] = in;
        if (o.classical) {
            cv::inpaint(in, alpha > 0, results[1], 3, cv::INPAINT_TELEA);
            cv::inpaint(in, alpha > 0, results[2], 3, cv::INPAINT_NS);
        } else {
            results[1] = results[2] = in;  // left out: reported as "-"
        }
        if (remover.hasMask()) remover.apply(in, results[3], found);
        else remover.apply(in, results[3]);
        restorer.inpaint(in, alpha > 0, results[4]);
        for (size_t k = 0; k < results.size(); ++k) {
            whole[k] += cv::PSNR(photo, results[k]);
            inside[k] += maskedPsnr(photo, results[k], mask);
        }
        const double gain = cv::PSNR(photo, results[3]) - cv::PSNR(photo, in);
        if (gain < -0.1) ++harmed;
        if (o.perPhoto) {
            // Mean absolute change (of 255) against the photo: outside the marks (what the remover
            // should leave alone) and inside them, before and after.
            const auto meanError = [&](const cv::Mat& image, const cv::Mat& where) {
                if (cv::countNonZero(where) == 0) return 0.0;
                cv::Mat diff;
                cv::absdiff(image, photo, diff);
                const cv::Scalar m = cv::mean(diff, where);
                return (m[0] + m[1] + m[2]) / 3;
            };
            const cv::Mat outsideMask = alpha == 0;
            perPhotoLines.push_back({gain, cv::format("| %s | %+.2f dB | %.4f | %.3f | %.1f -> %.1f |", held.names[i].c_str(),
                                     gain, cv::countNonZero(mask) / static_cast<double>(mask.total()),
                                     meanError(results[3], outsideMask), meanError(in, mask), meanError(results[3], mask))});
        }
        if (gain < worstGain) {
            worstGain = gain;
            worstGainName = held.names[i];
        }
        if (!found.empty()) {
            const double overlap = iou(found > 127, mask);
            iouSum += overlap;
            if (overlap < iouWorst) {
                iouWorst = overlap;
                iouWorstName = held.names[i];
            }
        }
    }
    const double n = static_cast<double>(photos.size());
    const auto classical = [&](double sum) { return o.classical ? cv::format("%.2f dB", sum / n) : std::string("-"); };
    if (o.styles == "typical")
        std::cout << cv::format("%d watermark(s) per photo, typical marks in held-out fonts and words (in turn: a large "
                                "white word, a large black one, a tiled pattern, a corner credit, a turned word)\n\n", o.marks);
    else
        std::cout << cv::format("%d watermark(s) per photo, aecv::Watermark::random(Set::%s) over the whole photo, seeds "
                                "%llu..\n\n", o.marks, o.styles == "training" ? "Training" : "HeldOut",
                                static_cast<unsigned long long>(o.seed));
    std::cout
              << "| PSNR | watermarked | cv::inpaint TELEA (true mask) | cv::inpaint NS (true mask) | aecv WatermarkRemover "
                 "| aecv inpaint (true mask) |\n"
              << "|---|---|---|---|---|---|\n"
              << cv::format("| whole photo | %.2f dB | %s | %s | %.2f dB | %.2f dB |\n", whole[0] / n,
                            classical(whole[1]).c_str(), classical(whole[2]).c_str(), whole[3] / n, whole[4] / n)
              << cv::format("| inside the marks | %.2f dB | %s | %s | %.2f dB | %.2f dB |\n", inside[0] / n,
                            classical(inside[1]).c_str(), classical(inside[2]).c_str(), inside[3] / n, inside[4] / n)
              << cv::format("\nmarked photos: the remover's gain over its input %.2f dB at worst (%s); %d of %zu photos "
                            "more than 0.1 dB worse than their input\n", worstGain, worstGainName.c_str(), harmed,
                            photos.size())
              << cv::format("unmarked photos: PSNR(output, input) %.2f dB on average, %.2f dB at worst (%s); %d of %zu "
                            "come back bit-exact\n", unmarked / n, unmarkedWorst, unmarkedWorstName.c_str(), untouched,
                            photos.size());
    if (o.perPhoto) {
        std::sort(perPhotoLines.begin(), perPhotoLines.end());
        std::cout << "\n| photo (worst first) | gain | marked share | change outside the marks | inside: error before -> after |\n"
                     "|---|---|---|---|---|\n";
        for (const auto& line : perPhotoLines) std::cout << line.second << "\n";
        std::cout << "(changes: mean absolute difference from the photo, of 255)\n\n";
    }
    if (remover.hasMask())
        std::cout << cv::format("mask: IoU (found > 0.5 against alpha > 0.05) %.3f on average, %.3f at worst (%s)\n",
                                iouSum / n, iouWorst, iouWorstName.c_str());
    else
        std::cout << "mask: this model has none (it repaints the whole picture)\n";
}

int run(int argc, char** argv) {
    Options o;
    std::string sigmas, light, precision = "f32", rampText;
    int threads = 0;
    po::options_description options("aecv-quality: PSNR of a trained image filter against the classical method, on "
                                     "the photos the image presets hold out of training\n\n"
                                     "usage: aecv-quality denoise|watermark [options]\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("task", po::value(&o.task), "denoise | watermark")
        ("model", po::value(&o.model), "the model (default: the shipped one)")
        ("inpaint-model", po::value(&o.inpaintModel), "watermark: restore the true mask with this model (an "
         "inpainter, preset image-inpaint; default: the shipped one), or 'remover': with the remover's inpaint()")
        ("data", po::value(&o.data)->default_value(o.data), "photo folder (the image presets' default)")
        ("sigmas", po::value(&sigmas)->default_value("15,25,50"), "denoise: Gaussian noise levels (of 255)")
        ("light", po::value(&light)->default_value("bright,dim,dark,noiseless"), "denoise: camera noise at these light "
         "levels (bright, dim, dark; noiseless: the camera's path without sensor noise; 'none' for no camera rows)")
        ("marks", po::value(&o.marks)->default_value(o.marks), "watermark: watermarks per photo")
        ("styles", po::value(&o.styles)->default_value(o.styles), "watermark: held-out (fonts and words kept out "
         "of training) | training | typical (fixed marks as people put them on photos, in held-out fonts and words: "
         "large translucent words, tiled, corner credits)")
        ("photos", po::value(&o.photos)->default_value(o.photos), "held-out | training (to tune on, keeping the "
         "held-out photos for the final measurement)")
        ("mask-ramp", po::value(&rampText), "watermark: LOW,HIGH for WatermarkRemover::setMaskRamp")
        ("confirm-within", po::value<double>(), "watermark: the share for WatermarkRemover::setConfirmWithin "
         "(default: the model's)")
        ("detect-scale", po::value<double>(), "watermark: the scale for WatermarkRemover::setDetectScale "
         "(default: the model's)")
        ("per-photo", po::bool_switch(&o.perPhoto), "also a line per photo, worst first (denoise: the clean photos' "
         "estimated level and PSNR(output, input); watermark: its gain, the marks' share, "
         "the change outside and inside the marks)")
        ("max-width", po::value(&o.maxWidth)->default_value(o.maxWidth), "scale wider photos down to this")
        ("seed", po::value(&o.seed)->default_value(o.seed), "seed of the noise and the watermarks")
        ("threads", po::value(&threads)->default_value(0), "threads (0: all cores)")
        ("precision", po::value(&precision)->default_value(precision), "the filter's inference: f32 | bf16")
        ("classical", po::value(&o.classical)->default_value(o.classical), "also the classical methods (denoise: the "
         "filters at their best settings; watermark: cv::inpaint; 0: only aecv, much faster)")
        ("strength", po::value(&o.strength), "denoise: remove noise of this sigma (of 255) from every picture, "
         "instead of the level estimated on each");
    po::positional_options_description positional;
    positional.add("task", 1);
    const po::variables_map vm = aecv::cli::parseOptions(argc, argv, options, positional);
    if (vm.count("help")) {
        std::cout << options << "\n";
        return 0;
    }
    o.sigmas.clear();
    std::stringstream list(sigmas);
    for (std::string item; std::getline(list, item, ',');) {
        char* end = nullptr;
        const double s = std::strtod(item.c_str(), &end);
        if (item.empty() || *end != '\0' || !(s > 0 && s <= 255)) throw UsageError("--sigmas: '" + item + "' is not a sigma in (0, 255]");
        o.sigmas.push_back(s);
    }
    o.light.clear();
    std::stringstream levels(light);
    for (std::string item; std::getline(levels, item, ',');) {
        if (item == "none") continue;
        if (!kLight.count(item)) throw UsageError("--light: '" + item + "' is not a light level; expected bright, dim, dark, noiseless or none");
        o.light.push_back(item);
    }
    if (o.maxWidth < 96 || o.marks < 1) throw UsageError("--max-width must be at least 96 and --marks at least 1");
    if (o.photos != "held-out" && o.photos != "training")
        throw UsageError("--photos is '" + o.photos + "'; expected held-out or training");
    if (!rampText.empty() && std::sscanf(rampText.c_str(), "%lf,%lf", &o.rampLow, &o.rampHigh) != 2)
        throw UsageError("--mask-ramp is '" + rampText + "'; expected LOW,HIGH (e.g. 0.3,0.7)");
    if (o.styles != "held-out" && o.styles != "training" && o.styles != "typical")
        throw UsageError("--styles is '" + o.styles + "'; expected held-out, training or typical");
    if (vm.count("confirm-within")) o.confirmWithin = vm["confirm-within"].as<double>();
    if (vm.count("detect-scale")) o.detectScale = vm["detect-scale"].as<double>();
    if (vm.count("strength") && !(o.strength >= 0 && o.strength <= 75))
        throw UsageError(cv::format("--strength is %g; expected a sigma (of 255) from 0 to 75", o.strength));
    if (precision != "f32" && precision != "bf16") throw UsageError("--precision is '" + precision + "'; expected f32 or bf16");
    aecv::setNumThreads(threads);
    aecv::setPrecision(precision == "bf16" ? aecv::Precision::BF16 : aecv::Precision::F32);
    if (o.task == "denoise") denoise(o);
    else if (o.task == "watermark") watermark(o);
    else throw UsageError("the task is '" + o.task + "'; expected denoise or watermark");
    return 0;
}

}  // namespace

int main(int argc, char** argv) { return aecv::cli::guardedMain("aecv-quality", [&] { return run(argc, argv); }); }
