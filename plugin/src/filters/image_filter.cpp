// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filters/image_filter.hpp"
#include "filters/noise_guard.hpp"
#include "filters/noise_level.hpp"
#include "filters/unblend.hpp"

#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>

#include <opencv2/imgproc.hpp>
#include <opencv2/photo.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "model/model.hpp"

namespace aecv::filters {

namespace {

// What setDetectEvery() compares frames on: small enough to cost nothing beside the networks,
// large enough that a cut or a pan moves it.
const cv::Size kThumbSize(32, 24);

// bgr padded on the bottom and right (reflected) to multiples of the model's stride.
cv::Mat padToMultiple(const cv::Mat& bgr, int multiple) {
    const int padH = (multiple - bgr.rows % multiple) % multiple, padW = (multiple - bgr.cols % multiple) % multiple;
    cv::Mat padded = bgr;
    if (padH || padW) cv::copyMakeBorder(bgr, padded, 0, padH, 0, padW, cv::BORDER_REFLECT_101);
    return padded;
}

}  // namespace

void ImageFilter::readModel(const std::string& path) {
    registerLayers();
    const model::Model m = model::readOnnx(path);
    const auto task = m.metadata.find("task");
    const std::string found = task == m.metadata.end() ? "(none)" : task->second;
    if (found != task_)
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' is a model for task '%s'; expected a '%s' model",
                 owner_.c_str(), path.c_str(), found.c_str(), task_.c_str()));
    const auto fill = m.metadata.find("fill");
    const bool filled = fill != m.metadata.end();
    if (filled && (fill->second != "ns" || !m.metadata.count("mask_input")))
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has fill '%s'%s; expected 'ns' (cv::inpaint, "
                 "Navier-Stokes) on an inpainting model (mask_input)", owner_.c_str(), path.c_str(),
                 fill->second.c_str(), m.metadata.count("mask_input") ? "" : " without mask_input"));
    if (m.inputShape.size() != 4 || (m.inputShape[1] != 3 && m.inputShape[1] != 4 && !(filled && m.inputShape[1] == 7)))
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' takes input %s; expected 3-channel images "
                 "(or 4: BGR and a noise-level map or a mask; 7 for an inpainter over a fill: BGR, mask, fill)",
                 owner_.c_str(), path.c_str(), ops::toString(m.inputShape).c_str()));
    // Nothing changes until the model is known good: a refused file leaves the filter as it was.
    const int channels = m.inputShape[1];
    // A whole-number metadata entry in [low, high], `fallback` when absent; `what` names the range.
    const auto wholeNumber = [&](const char* key, int fallback, long low, long high, const char* what) {
        const auto entry = m.metadata.find(key);
        if (entry == m.metadata.end()) return fallback;
        char* end = nullptr;
        const long value = std::strtol(entry->second.c_str(), &end, 10);
        if (entry->second.empty() || *end != '\0' || value < low || value > high)
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has %s '%s'; expected a whole number%s "
                     "from %ld to %ld", owner_.c_str(), path.c_str(), key, entry->second.c_str(), what, low, high));
        return static_cast<int>(value);
    };
    const int sizeMultiple = wholeNumber("size_multiple", 1, 1, 1024, "");
    // Only the restored image is wanted: without the code as a graph output, the layers around
    // it run as one oneDNN chain instead of stopping there.
    model::Model restoreOnly = m;
    restoreOnly.outputs = {m.outputs.front()};  // the main output
    const auto mask = m.metadata.find("mask");
    const bool masked = mask != m.metadata.end();
    if (masked) {
        if (std::find(m.outputs.begin(), m.outputs.end(), mask->second) == m.outputs.end())
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' names its mask output '%s' but has no such "
                     "output", owner_.c_str(), path.c_str(), mask->second.c_str()));
        restoreOnly.outputs.push_back(mask->second);
    }
    const auto compose = m.metadata.find("compose");
    if (compose != m.metadata.end() && compose->second != "blend")
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has compose '%s'; expected 'blend' (or no "
                 "compose: unblending)", owner_.c_str(), path.c_str(), compose->second.c_str()));
    double rampLow = kDefaultRampLow, rampHigh = kDefaultRampHigh;
    const auto ramp = m.metadata.find("mask_ramp");
    if (ramp != m.metadata.end()) {
        char tail = 0;
        if (std::sscanf(ramp->second.c_str(), "%lf,%lf%c", &rampLow, &rampHigh, &tail) != 2 ||
            !(rampLow >= 0 && rampLow < rampHigh && rampHigh <= 1))
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has mask_ramp '%s'; expected 'low,high' "
                     "with 0 <= low < high <= 1", owner_.c_str(), path.c_str(), ramp->second.c_str()));
    }
    // A detector that hands its marks to an inpainter (a file beside it).
    std::unique_ptr<ImageFilter> restorer;
    int restoreGrow = 2;
    if (const auto with = m.metadata.find("restore_with"); with != m.metadata.end()) {
        if (!masked || restoring_)  // (the second: an inpainter is the end of the chain; a loop stops here)
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has restore_with but %s; only a model "
                     "that finds the marks can hand them to an inpainter", owner_.c_str(), path.c_str(),
                     masked ? "is itself a restorer" : "no mask output"));
        const std::string file = (std::filesystem::path(path).parent_path() / with->second).string();
        restorer = std::make_unique<ImageFilter>(owner_, task_);
        restorer->restoring_ = true;
        restorer->readModel(file);
        if (!restorer->takesMask())
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' restores with '%s', which is not an "
                     "inpainting model (metadata mask_input)", owner_.c_str(), path.c_str(), file.c_str()));
        restoreGrow = wholeNumber("restore_grow", restoreGrow, 0, 32, " of pixels");
    }
    // ... and one that confirms them (a remover without a mask, also beside it).
    std::unique_ptr<ImageFilter> confirmer;
    if (const auto with = m.metadata.find("confirm_with"); with != m.metadata.end()) {
        if (!restorer)
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has confirm_with but no restore_with; a "
                     "second opinion on the marks needs an inpainter to restore them", owner_.c_str(), path.c_str()));
        const std::string file = (std::filesystem::path(path).parent_path() / with->second).string();
        confirmer = std::make_unique<ImageFilter>(owner_, task_);
        confirmer->restoring_ = true;
        confirmer->readModel(file);
        if (confirmer->mask_ || confirmer->maskInput_ || confirmer->channels_ != 3)
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' confirms its marks with '%s', which is not a "
                     "remover without a mask (3 input channels, no mask output, no mask input)", owner_.c_str(),
                     path.c_str(), file.c_str()));
    }
    // A decimal `key` in [low, high] (low itself only if `lowIncluded`), `fallback` when absent;
    // `unusable` (if not empty) says why this model cannot use the key at all.
    const auto decimal = [&](const char* key, double fallback, double low, bool lowIncluded, double high,
                             const char* what, const std::string& unusable) {
        const auto entry = m.metadata.find(key);
        if (entry == m.metadata.end()) return fallback;
        char* end = nullptr;
        const double value = std::strtod(entry->second.c_str(), &end);
        if (!unusable.empty() || entry->second.empty() || *end != '\0' ||
            !((lowIncluded ? value >= low : value > low) && value <= high))
            CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has %s '%s'%s", owner_.c_str(), path.c_str(),
                     key, entry->second.c_str(), !unusable.empty() ? unusable.c_str()
                     : cv::format("; expected a %s in %c%g, %g]", what, lowIncluded ? '[' : '(', low, high).c_str()));
        return value;
    };
    // ... how far the confirmer's restoration of a mark may be from the inpainter's ...
    const double confirmWithin = decimal("confirm_within", kAlwaysConfirmed, 0, false, 1, "share", confirmer ? "" :
        " but no confirm_with; only a confirmer's restoration can agree with the inpainter's");
    // ... and the scale it looks for them at.
    const double detectScale = decimal("detect_scale", 1.0, kMinDetectScale, true, 1, "scale", restorer ? "" :
        " but no restore_with; only marks an inpainter restores at full size can be found at a smaller one");
    const bool maskInput = m.metadata.count("mask_input") > 0;
    if (maskInput && (channels != (filled ? 7 : 4) || masked))
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has mask_input but takes %d channels%s; an "
                 "inpainting model takes 4 (BGR and the mask; 7 with a fill) and has no mask output", owner_.c_str(),
                 path.c_str(), channels, masked ? " and has a mask output" : ""));
    if (!GraphRunner::supports(restoreOnly))
        CV_Error(cv::Error::StsBadArg, cv::format("%s::readModel: '%s' has layers an image filter cannot run as one "
                 "sequence; expected Conv, ConvTranspose, MaxPool, Upsample, Activation, Slice and Add (run other "
                 "models through aecv::readNet)", owner_.c_str(), path.c_str()));
    runner_ = std::make_unique<GraphRunner>(restoreOnly);
    channels_ = channels;
    multiple_ = sizeMultiple;
    mask_ = masked;
    unblend_ = masked && compose == m.metadata.end();
    maskInput_ = maskInput;
    fill_ = filled;
    rampLow_ = rampLow;
    rampHigh_ = rampHigh;
    if (restorer) restorer->setTileSize(tile_);
    if (confirmer) confirmer->setTileSize(tile_);
    restorer_ = std::move(restorer);
    confirmer_ = std::move(confirmer);
    restoreGrow_ = restoreGrow;
    confirmWithin_ = confirmWithin;
    detectScale_ = detectScale;
    detectEvery_ = 1;
    lastFound_.release();
}

void ImageFilter::setStrength(double sigma) {
    if (!(sigma >= 0 && sigma <= kMaxStrength))  // also NaN
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setStrength: %g; expected a noise sigma (of 255) from 0 "
                 "to %g", owner_.c_str(), sigma, kMaxStrength));
    strength_ = sigma;
}

void ImageFilter::setMaskRamp(double low, double high) {
    if (!(low >= 0 && low < high && high <= 1))
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setMaskRamp: %g..%g; expected 0 <= low < high <= 1",
                 owner_.c_str(), low, high));
    rampLow_ = low;
    rampHigh_ = high;
    lastFound_.release();
}

void ImageFilter::setConfirmWithin(double share) {
    if (!confirmer_)
        CV_Error(cv::Error::StsBadArg, cv::format("%s::setConfirmWithin: the model has no second opinion on its marks "
                 "(metadata confirm_with) for the inpainter's restoration to agree with", owner_.c_str()));
    if (!(share > 0 && share <= 1))  // also NaN
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setConfirmWithin: %g; expected a share in (0, 1]",
                 owner_.c_str(), share));
    confirmWithin_ = share;
    lastFound_.release();  // (what the last look restored was judged by the share before)
}

void ImageFilter::setDetectScale(double scale) {
    if (!restorer_)
        CV_Error(cv::Error::StsBadArg, cv::format("%s::setDetectScale: the model has no inpainter (metadata "
                 "restore_with) to restore at full size the marks found at a smaller one", owner_.c_str()));
    if (!(scale >= kMinDetectScale && scale <= 1))  // also NaN
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setDetectScale: %g; expected a scale in [%g, 1]",
                 owner_.c_str(), scale, kMinDetectScale));
    detectScale_ = scale;
    lastFound_.release();
}

void ImageFilter::setDetectEvery(int frames) {
    if (!restorer_)
        CV_Error(cv::Error::StsBadArg, cv::format("%s::setDetectEvery: the model has no inpainter (metadata "
                 "restore_with) to restore, frame by frame, the marks found on an earlier one", owner_.c_str()));
    if (frames < 1 || frames > kMaxDetectEvery)
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setDetectEvery: %d; expected a number of frames from 1 "
                 "to %d", owner_.c_str(), frames, kMaxDetectEvery));
    detectEvery_ = frames;
    lastFound_.release();
}

void ImageFilter::setTileSize(int size) {
    if (size < 64)
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::setTileSize: %d; expected at least 64", owner_.c_str(), size));
    tile_ = size;
    if (restorer_) restorer_->setTileSize(size);
    if (confirmer_) confirmer_->setTileSize(size);
}

void ImageFilter::filterRegion(const cv::Mat& src, const cv::Rect& core, const cv::Rect& context, cv::Mat& dst,
                               const cv::Mat& userMask, cv::Mat& maskOut) {
    const int channels = src.channels();
    // The context as BGR in the input's depth (scaled to [0, 1] on the way into the model).
    cv::Mat bgr = src(context);
    if (channels == 1) cv::cvtColor(bgr, bgr, cv::COLOR_GRAY2BGR);
    else if (channels == 4) cv::cvtColor(bgr, bgr, cv::COLOR_BGRA2BGR);
    const double level = level_;
    if (takesNoiseLevel() && level == 0.0) {  // nothing to remove: the input, unchanged
        const cv::Mat from = src(core);
        cv::Mat target = dst(core);
        from.copyTo(target);
        return;
    }
    if (mask_ || !userMask.empty()) return composeRegion(bgr, src, core, context, dst, userMask, maskOut);
    runRegion(bgr, src, core, context, dst, level);
}

void ImageFilter::composeRegion(const cv::Mat& bgr, const cv::Mat& src, const cv::Rect& core, const cv::Rect& context,
                                cv::Mat& dst, const cv::Mat& userMask, cv::Mat& maskOut) {
    const double unit = src.depth() == CV_8U ? 255.0 : 1.0;
    const cv::Rect inContext(core.x - context.x, core.y - context.y, core.width, core.height);
    cv::Mat restored, alpha;  // CV_32FC3 BGR about [0, 1] (an unblending model: the marks' colour); CV_32FC1 in [0, 1]
    if (maskInput_) {  // the caller's mask over the context (and the fill), padded as the pixels are, is channel 3 (..6)
        cv::Mat& where = fill_ ? maskPlane_ : plane_;
        userMask(context).convertTo(where, CV_32F, userMask.depth() == CV_8U ? 1.0 / 255 : 1.0);
        if (fill_) {
            const cv::Mat planes[] = {maskPlane_, fillImage_(context)};
            cv::merge(planes, 2, plane_);
        }
        plane_ = padToMultiple(plane_, multiple_);
    }
    runner_->runOutputs(padToMultiple(bgr, multiple_), inContext, outs_, static_cast<float>(level_ / kLevelMapUnit),
                        maskInput_ ? plane_ : cv::Mat());
    restored = outs_[0];
    if (mask_) alpha = outs_[1];
    cv::Mat x, y, weight;
    if (!userMask.empty()) userMask(core).convertTo(weight, CV_32F, userMask.depth() == CV_8U ? 1.0 / 255 : 1.0);
    else rampedMask(alpha, rampLow_, rampHigh_, weight);
    if (!dst.empty()) {  // (empty: the mask alone is asked for)
        bgr(inContext).convertTo(x, CV_32F, 1.0 / unit);
        if (unblend_) unblend(x, restored, alpha, weight, y);  // `restored` is the marks' colour
        else blend(x, restored, weight, y);
        std::vector<cv::Mat> planes;
        cv::split(y, planes);
        writePlanes(planes, src, core, dst);
    }
    if (!maskOut.empty()) {
        cv::Mat target = maskOut(core);
        weight.convertTo(target, maskOut.type(), maskOut.depth() == CV_8U ? 255.0 : 1.0);
    }
}

void ImageFilter::writePlanes(std::vector<cv::Mat>& planes, const cv::Mat& src, const cv::Rect& core, cv::Mat& dst) {
    const int depth = src.depth(), channels = src.channels();
    const double unit = depth == CV_8U ? 255.0 : 1.0;
    if (channels == 1) {  // the grey of the result, as cv::cvtColor(BGR2GRAY) weighs it
        cv::Mat grey;
        cv::addWeighted(planes[0], 0.114, planes[1], 0.587, 0.0, grey);
        cv::scaleAdd(planes[2], 0.299, grey, grey);
        planes = {grey};
    }
    // Back to the input's depth plane by plane (8-bit: rounded and saturated; float: clipped to
    // [0, 1]), then interleaved straight into the destination.
    for (cv::Mat& plane : planes) {
        cv::Mat converted;
        if (depth == CV_8U) plane.convertTo(converted, CV_8U, unit);
        else cv::max(cv::min(plane, 1.0), 0.0, converted);
        plane = converted;
    }
    if (channels == 4) {
        planes.emplace_back();
        cv::extractChannel(src(core), planes.back(), 3);  // alpha passes through
    }
    cv::Mat target = dst(core);
    cv::merge(planes, target);  // same size and type: writes in place
}

void ImageFilter::runRegion(const cv::Mat& bgr, const cv::Mat& src, const cv::Rect& core, const cv::Rect& context,
                            cv::Mat& dst, double level) {
    const cv::Mat padded = padToMultiple(bgr, multiple_);
    const cv::Rect inContext(core.x - context.x, core.y - context.y, core.width, core.height);
    cv::Mat target = dst(core);
    const float map = static_cast<float>(level / kLevelMapUnit);
    if (src.channels() == 3) return runner_->run(padded, inContext, target, map);  // straight into the result
    restored_.create(core.size(), bgr.type());
    runner_->run(padded, inContext, restored_, map);
    if (src.channels() == 1) return cv::cvtColor(restored_, target, cv::COLOR_BGR2GRAY);
    const cv::Mat from[] = {restored_, src(core)};  // B, G, R restored; alpha passed through
    const int pairs[] = {0, 0, 1, 1, 2, 2, 6, 3};
    cv::mixChannels(from, 2, &target, 1, pairs, 4);
}

void ImageFilter::apply(cv::InputArray srcArray, cv::OutputArray dstArray, cv::OutputArray maskArray,
                        cv::InputArray userMaskArray) {
    if (!runner_)
        CV_Error(cv::Error::StsError, cv::format("%s::apply: no model; call readModel() first", owner_.c_str()));
    const cv::Mat src = srcArray.getMat(), userMask = userMaskArray.getMat();
    if (!restorer_) return applyModel(src, dstArray, maskArray, userMask);
    if (!userMask.empty()) return restorer_->apply(src, dstArray, maskArray, userMask);
    cv::Mat found;
    findMarks(src, found);
    cv::Mat where = found > 0;  // the ramp's low end is the threshold
    const cv::Mat disk = cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * restoreGrow_ + 1, 2 * restoreGrow_ + 1});
    if (restoreGrow_ > 0) cv::dilate(where, where, disk);
    src.copyTo(dstArray);  // every pixel outside the marks as it came
    cv::Mat dst = dstArray.getMat();
    // The confirmer and the inpainter run on the boxes around what was found (with a tile's
    // context on every side), not on the whole frame: marks are a small part of most pictures.
    for (const cv::Rect& box : markBoxes(where)) {
        const cv::Mat part = src(box);
        cv::Mat inBox = where(box);
        cv::Mat changed;  // the confirmer's restoration of the box
        if (confirmer_) {  // only the marks the remover also changes
            cv::Mat change;
            confirmer_->apply(part, changed);
            cv::absdiff(changed, part, change);
            cv::reduce(change.reshape(1, static_cast<int>(part.total())), change, 1, cv::REDUCE_MAX);
            cv::Mat confirmed = inBox & (change.reshape(1, part.rows) > 0);
            if (restoreGrow_ > 0) cv::dilate(confirmed, confirmed, disk);
            confirmed.copyTo(inBox);  // (into `where`, the mask returned)
        }
        if (cv::countNonZero(inBox) == 0) continue;
        cv::Mat restored;
        restorer_->apply(part, restored, cv::noArray(), inBox);
        if (confirmWithin_ < kAlwaysConfirmed) keepAgreed(part, changed, restored, inBox);  // the rest as it came
        restored.copyTo(dst(box), inBox);
    }
    // Of a look's finds, the frames until the next look try again only those restored on it: the
    // rest, refused, are left for the next look (which on a 640x480 video makes the frames between
    // half as costly again: their boxes shrink to the marks).
    if (detectEvery_ > 1 && framesSinceFound_ == 0) lastFound_.setTo(0, where == 0);
    if (maskArray.needed()) where.convertTo(maskArray, found.type(), found.depth() == CV_8U ? 1.0 : 1.0 / 255);
}

void ImageFilter::findMarks(const cv::Mat& src, cv::Mat& found) {
    cv::Mat thumb;
    if (detectEvery_ > 1) {  // (a 32x24 thumbnail costs ~0.1 ms at 640x480)
        cv::resize(src, thumb, kThumbSize, 0, 0, cv::INTER_AREA);
        thumb.convertTo(thumb, CV_32F, src.depth() == CV_8U ? 1.0 / 255 : 1.0);
        const double values = static_cast<double>(thumb.total() * static_cast<size_t>(thumb.channels()));
        const bool sameKind = !lastFound_.empty() && lastFound_.size() == src.size() &&
                              lastFound_.depth() == (src.depth() == CV_8U ? CV_8U : CV_32F) &&
                              lastThumb_.type() == thumb.type();
        if (sameKind && ++framesSinceFound_ < detectEvery_ &&
            cv::norm(thumb, lastThumb_, cv::NORM_L1) <= kSceneChange * values) {
            found = lastFound_;
            return;
        }
    }
    // The marks (this model's restoration is not used), at detectScale_ of the size.
    if (detectScale_ < 1) {
        const cv::Size size(std::max(1, cvRound(src.cols * detectScale_)), std::max(1, cvRound(src.rows * detectScale_)));
        cv::Mat smaller, smallFound;
        cv::resize(src, smaller, size, 0, 0, cv::INTER_AREA);
        applyModel(smaller, cv::noArray(), smallFound, cv::Mat());
        cv::resize(smallFound, found, src.size(), 0, 0, cv::INTER_LINEAR);
    } else {
        applyModel(src, cv::noArray(), found, cv::Mat());
    }
    if (detectEvery_ > 1) {
        found.copyTo(lastFound_);  // (its buffer kept from look to look)
        lastThumb_ = thumb;
        framesSinceFound_ = 0;
    }
}

void ImageFilter::keepAgreed(const cv::Mat& src, const cv::Mat& confirmed, const cv::Mat& restored, cv::Mat& where) const {
    // Per mark: the parts of `where` at most 2 kMarkGap pixels apart (the letters of a word),
    // so a mark is judged whole and a false find beside it apart. Over its pixels and channels,
    // the inpainter's change, sum |restored - src|, against its distance from the confirmer's
    // restoration, sum |restored - confirmed|. A real mark is taken out by both, so the two
    // restorations are close while each is far from the input; where only one of them changes
    // the picture (scene text, a bright spot) the distance is about the whole change.
    // A mark refused whole may still hold parts (connected pixels) that agree on their own
    // within kPartShare of the share: the letters of a real mark next to a false find.
    const auto channelSum = [&](const cv::Mat& a, const cv::Mat& b) {
        cv::Mat d;
        cv::absdiff(a, b, d);
        d.reshape(1, static_cast<int>(d.total())).convertTo(d, CV_32F);
        cv::reduce(d, d, 1, cv::REDUCE_SUM);
        return d;  // a column: one value per pixel, in row-major order
    };
    const cv::Mat change = channelSum(restored, src), distance = channelSum(restored, confirmed);
    // Whether each label's pixels of `where` agree within `share`.
    const auto agreeing = [&](const cv::Mat& labels, int count, double share) {
        std::vector<double> changeSum(static_cast<size_t>(count), 0.0), distanceSum(static_cast<size_t>(count), 0.0);
        for (int y = 0, i = 0; y < where.rows; ++y) {
            const uchar* inMark = where.ptr<uchar>(y);
            const int* label = labels.ptr<int>(y);
            for (int x = 0; x < where.cols; ++x, ++i)
                if (inMark[x]) {
                    changeSum[static_cast<size_t>(label[x])] += change.at<float>(i);
                    distanceSum[static_cast<size_t>(label[x])] += distance.at<float>(i);
                }
        }
        std::vector<bool> agree(static_cast<size_t>(count));
        for (size_t k = 0; k < agree.size(); ++k) agree[k] = distanceSum[k] <= share * changeSum[k];
        return agree;
    };
    cv::Mat near, marks, parts;
    cv::dilate(where, near, cv::getStructuringElement(cv::MORPH_ELLIPSE, {2 * kMarkGap + 1, 2 * kMarkGap + 1}));
    const std::vector<bool> markAgrees = agreeing(marks, cv::connectedComponents(near, marks, 8, CV_32S), confirmWithin_);
    const std::vector<bool> partAgrees =
        agreeing(parts, cv::connectedComponents(where, parts, 8, CV_32S), kPartShare * confirmWithin_);
    for (int y = 0; y < where.rows; ++y) {
        uchar* inMark = where.ptr<uchar>(y);
        const int* mark = marks.ptr<int>(y);
        const int* part = parts.ptr<int>(y);
        for (int x = 0; x < where.cols; ++x)
            if (inMark[x] && !markAgrees[static_cast<size_t>(mark[x])] && !partAgrees[static_cast<size_t>(part[x])])
                inMark[x] = 0;
    }
}

std::vector<cv::Rect> ImageFilter::markBoxes(const cv::Mat& where) const {
    // The bounding boxes of the marked pixels grown by a tile's context (overlap_): those of the
    // connected parts of the mask dilated by that much (so specks close together make one box,
    // not thousands), aligned to the models' strides, then merged until none overlap.
    std::vector<cv::Rect> boxes;
    if (cv::countNonZero(where) == 0) return boxes;
    cv::Mat grown, labels, stats, centroids;
    cv::dilate(where, grown, cv::getStructuringElement(cv::MORPH_RECT, {2 * overlap_ + 1, 2 * overlap_ + 1}));
    const int count = cv::connectedComponentsWithStats(grown, labels, stats, centroids, 8, CV_32S);
    const cv::Rect whole(0, 0, where.cols, where.rows);
    const int align = std::max({multiple_, restorer_->multiple_, confirmer_ ? confirmer_->multiple_ : 1});
    for (int i = 1; i < count; ++i) {
        const int x = stats.at<int>(i, cv::CC_STAT_LEFT) / align * align;
        const int y = stats.at<int>(i, cv::CC_STAT_TOP) / align * align;
        const int right = stats.at<int>(i, cv::CC_STAT_LEFT) + stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int bottom = stats.at<int>(i, cv::CC_STAT_TOP) + stats.at<int>(i, cv::CC_STAT_HEIGHT);
        boxes.push_back(cv::Rect(cv::Point(x, y), cv::Point(right, bottom)) & whole);
    }
    // Sides snapped up to multiples of kBoxStep (more context, kept inside the image): a video's
    // boxes then come in a few sizes, whose plans (oneDNN primitives, bf16 weights) are kept
    // between frames instead of made anew for every box: on AMX, making a plan cost more than
    // running it.
    const auto snap = [&](int& at, int& side, int limit) {
        const int end = at + side;
        side = std::min(limit, (side + kBoxStep - 1) / kBoxStep * kBoxStep);
        at = std::max(0, std::min(at, limit - side)) / align * align;
        side = std::min(limit, std::max(at + side, end)) - at;  // (aligning may not uncover the end)
    };
    for (bool merged = true; merged;) {
        merged = false;
        for (cv::Rect& box : boxes) {
            snap(box.x, box.width, whole.width);
            snap(box.y, box.height, whole.height);
        }
        for (size_t a = 0; a < boxes.size() && !merged; ++a)
            for (size_t b = a + 1; b < boxes.size() && !merged; ++b)
                if ((boxes[a] & boxes[b]).area() > 0) {
                    boxes[a] |= boxes[b];
                    boxes.erase(boxes.begin() + static_cast<std::ptrdiff_t>(b));
                    merged = true;
                }
    }
    return boxes;
}

void ImageFilter::applyModel(const cv::Mat& srcIn, cv::OutputArray dstArray, cv::OutputArray maskArray,
                             const cv::Mat& userMask) {
    cv::Mat src = srcIn;
    if (src.empty()) CV_Error(cv::Error::StsBadArg, cv::format("%s::apply: the image is empty", owner_.c_str()));
    const int depth = src.depth(), channels = src.channels();
    if ((depth != CV_8U && depth != CV_32F) || (channels != 1 && channels != 3 && channels != 4))
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s::apply: the image has type %s; expected CV_8UC1, "
                 "CV_8UC3, CV_8UC4, or CV_32F with 1, 3 or 4 channels in [0, 1]", owner_.c_str(),
                 cv::typeToString(src.type()).c_str()));
    cv::Point bad;
    if (depth == CV_32F && !cv::checkRange(src, true, &bad))
        CV_Error(cv::Error::StsBadArg, cv::format("%s::apply: the image has a NaN or infinite value at (%d, %d); "
                 "expected finite values in [0, 1]", owner_.c_str(), bad.x, bad.y));

    if (!userMask.empty() && (userMask.size() != src.size() || (userMask.type() != CV_8UC1 && userMask.type() != CV_32FC1)))
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("%s::inpaint: the mask is %dx%d %s; expected CV_8UC1 or "
                 "CV_32FC1 of the image's size, %dx%d", owner_.c_str(), userMask.cols, userMask.rows,
                 cv::typeToString(userMask.type()).c_str(), src.cols, src.rows));
    if (userMask.type() == CV_32FC1 && !cv::checkRange(userMask, true, &bad, 0.0, 1.0 + 1e-6))
        CV_Error(cv::Error::StsOutOfRange, cv::format("%s::inpaint: the mask has %g at (%d, %d); expected values in "
                 "[0, 1] (or a CV_8UC1 mask, 0..255)", owner_.c_str(), static_cast<double>(userMask.at<float>(bad)),
                 bad.x, bad.y));

    if (maskInput_ && userMask.empty())
        CV_Error(cv::Error::StsBadArg, cv::format("%s::apply: the model is an inpainter (it restores where it is "
                 "told); give it the mask: inpaint(src, mask, dst)", owner_.c_str()));
    if (fill_) {  // the classical fill, of the whole image (as a tile's would differ at its border)
        cv::Mat bytes = src, where;
        if (depth != CV_8U) src.convertTo(bytes, CV_8U, 255.0);
        if (channels != 3) cv::cvtColor(bytes, bytes, channels == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
        cv::compare(userMask, 0, where, cv::CMP_GT);
        fillNavierStokes(bytes, where, fillImage_);
        fillImage_.convertTo(fillImage_, CV_32FC3, 1.0 / 255);
    }
    // One level for the whole image (tiles with levels of their own would show seams).
    level_ = !takesNoiseLevel() ? 0.0 : strength_ >= 0 ? strength_ : std::min(estimateNoiseLevel(src), kMaxStrength);
    lastLevel_ = level_;
    cv::Mat dst;  // left empty when only a mask model's mask is asked for (a detector's finds)
    if (dstArray.needed() || !mask_) {
        dstArray.create(src.size(), src.type());
        dst = dstArray.getMat();
    }
    cv::Mat maskOut;
    if (maskArray.needed()) {
        maskArray.create(src.size(), depth == CV_8U ? CV_8UC1 : CV_32FC1);
        maskOut = maskArray.getMat();
    }
    if (dst.data == src.data) src = src.clone();  // in place: tiles still read the original pixels
    // Tile by tile: cores of `tile_` pixels, each seen through a window of about tile_ + 2 overlap_
    // pixels that holds at least `overlap_` pixels of context on every side. Windows start at
    // multiples of the model's stride (so they see what the whole image would) and slide inwards
    // at the border, so they come in at most two sizes per axis: memory stays bounded whatever
    // the image size.
    const cv::Rect whole(0, 0, src.cols, src.rows);
    const int span = tile_ + 2 * overlap_;
    // A denoiser takes out no more than noise explains (noise_guard.hpp): of the level it was
    // given, or, estimated, of the larger of the finest band's level and the next band's
    // (camera noise hides from the finest). A watermark model has its mask instead.
    const bool guard = takesNoiseLevel() && !mask_ && level_ > 0;
    // A remover without a mask output repaints everything a little: only its mark-sized changes
    // stay (the caller's mask, when given, says where instead).
    const bool markGuard = task_ == "watermark" && channels_ == 3 && !mask_ && userMask.empty();
    const double guardLevel = !guard ? 0.0 : strength_ >= 0 ? strength_ : std::max(level_, estimateCoarseNoiseLevel(src));
    const double unit = depth == CV_8U ? 255.0 : 1.0;
    if (src.rows <= span && src.cols <= span) {
        filterRegion(src, whole, whole, dst, userMask, maskOut);
        if (guard) guardAgainstDetailLoss(src, dst, guardLevel, unit);
        if (markGuard) keepMarkSizedChanges(src, dst, unit);
        return;
    }
    const auto window = [&](int start, int total) {  // {first, length} along one axis
        if (total <= span) return std::pair<int, int>{0, total};
        int first = std::clamp(start - overlap_, 0, total - span);
        first -= first % multiple_;
        const int coreEnd = std::min(start + tile_, total);
        return std::pair<int, int>{first, std::min(total, std::max(first + span, coreEnd + overlap_)) - first};
    };
    const int stepX = src.cols <= span ? src.cols : tile_, stepY = src.rows <= span ? src.rows : tile_;
    for (int y = 0; y < src.rows; y += stepY)
        for (int x = 0; x < src.cols; x += stepX) {
            const cv::Rect core(x, y, std::min(stepX, src.cols - x), std::min(stepY, src.rows - y));
            const auto [left, width] = window(x, src.cols);
            const auto [top, height] = window(y, src.rows);
            filterRegion(src, core, cv::Rect(left, top, width, height), dst, userMask, maskOut);
        }
    if (guard) guardAgainstDetailLoss(src, dst, guardLevel, unit);
    if (markGuard) keepMarkSizedChanges(src, dst, unit);
}

void fillNavierStokes(const cv::Mat& bgr, const cv::Mat& mask, cv::Mat& filled) {
    CV_Assert(bgr.type() == CV_8UC3 && mask.type() == CV_8UC1 && mask.size() == bgr.size());
    cv::Mat result = bgr.clone();
    // Parts: the connected parts of the mask grown by radius + 1 (so parts apart are farther apart
    // than two radii), each filled in its grown bounding box, whose ring of known pixels is all
    // that cv::inpaint reads around it; of its crop only the part's own pixels are filled.
    const int margin = kFillRadius + 1;
    cv::Mat grown, labels, stats, centroids;
    cv::dilate(mask, grown, cv::getStructuringElement(cv::MORPH_RECT, {2 * margin + 1, 2 * margin + 1}));
    const int count = cv::connectedComponentsWithStats(grown, labels, stats, centroids, 8, CV_32S);
    std::vector<cv::Rect> boxes(static_cast<size_t>(count));
    std::vector<cv::Mat> parts(boxes.size()), fills(boxes.size());
    cv::parallel_for_(cv::Range(1, count), [&](const cv::Range& range) {
        for (int k = range.start; k < range.end; ++k) {
            const auto i = static_cast<size_t>(k);
            boxes[i] = cv::Rect(stats.at<int>(k, cv::CC_STAT_LEFT), stats.at<int>(k, cv::CC_STAT_TOP),
                                stats.at<int>(k, cv::CC_STAT_WIDTH), stats.at<int>(k, cv::CC_STAT_HEIGHT));
            parts[i] = (labels(boxes[i]) == k) & (mask(boxes[i]) != 0);
            cv::inpaint(bgr(boxes[i]), parts[i], fills[i], kFillRadius, cv::INPAINT_NS);
        }
    });
    // Written one after another: the parts' pixels are disjoint, but their boxes may overlap.
    for (size_t i = 1; i < boxes.size(); ++i) fills[i].copyTo(result(boxes[i]), parts[i]);
    filled = result;
}

}  // namespace aecv::filters
