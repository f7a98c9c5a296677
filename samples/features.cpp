// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-features: an autoencoder's codes as features (unsupervised pretraining). The encoder
// learned from 55,000 unlabelled images; a cv::ml classifier then learns from only a few labelled
// ones, on raw pixels and on codes, and both are scored on the 10,000 Fashion-MNIST test images.
//   aecv-features                      500 labels, the shipped fashion_vae.onnx, an RBF SVM
//   aecv-features --labels 100 --classifier knn
#include <aecv/autoencoder.hpp>
#include <aecv/denoiser.hpp>
#include <aecv/idx.hpp>

#include <chrono>
#include <iostream>
#include <numeric>

#include <opencv2/ml.hpp>

#include "common/sample_main.hpp"

using namespace aecv::samples;

namespace {

struct Options {
    std::string model, data = "/usr/share/datasets/fashion-mnist", classifier = "svm";
    int labels = 500, limitTest = 0;
    uint64_t seed = 1;
};

// One row per image: [N, 1, H, W] -> N x (H W).
cv::Mat rows(const cv::Mat& blob) { return blob.reshape(1, blob.size[0]); }

cv::Ptr<cv::ml::StatModel> makeClassifier(const std::string& kind) {
    if (kind == "svm") {
        auto svm = cv::ml::SVM::create();
        svm->setKernel(cv::ml::SVM::RBF);
        return svm;
    }
    if (kind == "knn") {
        auto knn = cv::ml::KNearest::create();
        knn->setDefaultK(5);
        return knn;
    }
    auto trees = cv::ml::RTrees::create();  // "trees"
    trees->setTermCriteria({cv::TermCriteria::MAX_ITER, 200, 0});
    return trees;
}

// Trains on (x, y) and returns the accuracy on (testX, testY). SVMs pick C and gamma by 5-fold
// cross-validation on the training set; features are standardised with the training set's statistics.
double accuracy(const std::string& kind, cv::Mat x, const cv::Mat& y, cv::Mat testX, const std::vector<int>& testY) {
    cv::Mat mean, sd;
    cv::reduce(x, mean, 0, cv::REDUCE_AVG);
    cv::Mat centred = x - cv::repeat(mean, x.rows, 1);
    cv::reduce(centred.mul(centred), sd, 0, cv::REDUCE_AVG);
    cv::sqrt(sd, sd);
    sd += 1e-3;
    x = centred / cv::repeat(sd, x.rows, 1);
    testX = (testX - cv::repeat(mean, testX.rows, 1)) / cv::repeat(sd, testX.rows, 1);
    const cv::Ptr<cv::ml::StatModel> model = makeClassifier(kind);
    const auto data = cv::ml::TrainData::create(x, cv::ml::ROW_SAMPLE, y);
    if (kind == "svm") model.dynamicCast<cv::ml::SVM>()->trainAuto(data, 5);
    else model->train(data);
    cv::Mat predicted;
    model->predict(testX, predicted);
    int right = 0;
    for (int i = 0; i < testX.rows; ++i) right += cvRound(predicted.at<float>(i)) == testY[static_cast<size_t>(i)];
    return 100.0 * right / testX.rows;
}

int run(const Options& o) {
    aecv::Autoencoder encoder(o.model.empty() ? aecv::defaultModelPath("fashion_vae") : o.model);
    const cv::Mat train = aecv::readIdxImages(o.data + "/train-images-idx3-ubyte.gz");
    const std::vector<int> trainLabels = aecv::readIdxLabels(o.data + "/train-labels-idx1-ubyte.gz");
    cv::Mat test = aecv::readIdxImages(o.data + "/t10k-images-idx3-ubyte.gz");
    std::vector<int> testLabels = aecv::readIdxLabels(o.data + "/t10k-labels-idx1-ubyte.gz");
    const auto requireSameCount = [&](const cv::Mat& images, const std::vector<int>& labels, const char* part) {
        if (images.size[0] != static_cast<int>(labels.size()))
            throw std::runtime_error(cv::format("'%s/%s-images-idx3-ubyte.gz' holds %d images but "
                                                "'%s/%s-labels-idx1-ubyte.gz' %zu labels; expected one label per image",
                                                o.data.c_str(), part, images.size[0], o.data.c_str(), part,
                                                labels.size()));
    };
    requireSameCount(train, trainLabels, "train");
    requireSameCount(test, testLabels, "t10k");
    if (o.limitTest > 0 && o.limitTest < test.size[0]) {
        test = test(std::vector<cv::Range>{{0, o.limitTest}, cv::Range::all(), cv::Range::all(), cv::Range::all()}).clone();
        testLabels.resize(static_cast<size_t>(o.limitTest));
    }
    if (o.labels > static_cast<int>(trainLabels.size()))
        throw std::runtime_error(cv::format("--labels %d: the training set has only %zu images", o.labels,
                                            trainLabels.size()));

    // The labelled few: a seeded random choice among the training images.
    std::vector<int> order(trainLabels.size());
    std::iota(order.begin(), order.end(), 0);
    cv::RNG rng(o.seed);
    cv::randShuffle(order, 1.0, &rng);
    const int h = train.size[2], w = train.size[3];
    cv::Mat few({o.labels, 1, h, w}, CV_32F), fewLabels(o.labels, 1, CV_32S);
    for (int i = 0; i < o.labels; ++i) {
        const int k = order[static_cast<size_t>(i)];
        std::copy_n(train.ptr<float>(k), h * w, few.ptr<float>(i));
        fewLabels.at<int>(i) = trainLabels[static_cast<size_t>(k)];
    }

    const auto start = std::chrono::steady_clock::now();
    const cv::Mat fewCodes = rows(encoder.encode(few)), testCodes = rows(encoder.encode(test));
    const double encodeMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::cout << cv::format("%d labelled training images (seed %llu), %d test images, classifier %s\n", o.labels,
                            static_cast<unsigned long long>(o.seed), test.size[0], o.classifier.c_str());
    std::cout << cv::format("encoded %d images to %d-value codes in %.0f ms\n", o.labels + test.size[0],
                            fewCodes.cols, encodeMs);
    const double pixels = accuracy(o.classifier, rows(few).clone(), fewLabels, rows(test).clone(), testLabels);
    const double codes = accuracy(o.classifier, fewCodes.clone(), fewLabels, testCodes.clone(), testLabels);
    std::cout << cv::format("test accuracy on raw pixels (%d values): %.1f%%\n", h * w, pixels);
    std::cout << cv::format("test accuracy on codes      (%d values): %.1f%%\n", fewCodes.cols, codes);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    po::options_description options("aecv-features: classify Fashion-MNIST from a few labels, on raw pixels and on "
                                    "an autoencoder's codes\n\noptions");
    options.add_options()
        ("help,h", "show this help")
        ("model", po::value(&o.model), "an aecv autoencoder on 28x28 grey images (default: the shipped fashion_vae.onnx)")
        ("data", po::value(&o.data)->default_value(o.data), "Fashion-MNIST folder (Debian: dataset-fashion-mnist)")
        ("labels", po::value(&o.labels)->default_value(o.labels), "labelled training images to learn from")
        ("classifier", po::value(&o.classifier)->default_value(o.classifier), "svm | knn | trees (cv::ml)")
        ("test-limit", po::value(&o.limitTest)->default_value(0), "score on the first N test images only (0: all)")
        ("seed", po::value(&o.seed)->default_value(o.seed), "seed of the choice of labelled images");
    return sampleMain("aecv-features", argc, argv, options,
        [&](const po::variables_map&) {
            if (o.labels < 10) throw UsageError(cv::format("--labels is %d; expected at least 10", o.labels));
            if (o.classifier == "svm" && o.labels < 50)
                throw UsageError(cv::format("--labels is %d; the svm classifier (its parameters chosen by 5-fold "
                                            "cross-validation) needs at least 50 (knn and trees take 10)", o.labels));
            if (o.limitTest < 0)
                throw UsageError(cv::format("--test-limit is %d; expected 0 (all) or more", o.limitTest));
            if (o.classifier != "svm" && o.classifier != "knn" && o.classifier != "trees")
                throw UsageError("--classifier is '" + o.classifier + "'; expected svm, knn or trees");
        },
        [&] { return run(o); });
}
