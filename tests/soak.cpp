// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Long-run checks (ctest label "long", outside the default suite):
// - the shipped denoiser over N frames of video (opencv-doc's vtest.avi, looped, Gaussian noise
//   added) keeps a flat resident memory: prints the resident set at frame 100, every 1000 frames
//   and at the end; fails when it grew by more than --max-growth MB after frame 100;
// - --image WxH: one huge BGR image denoised in tiles: prints the time and the peak resident
//   memory; fails when the peak exceeds the image and its result by more than --max-growth MB.
//   aecv_soak [FRAMES=10000] [--image WxH] [--max-growth MB=8] [--precision f32|bf16]
#include <aecv/aecv.hpp>
#include <aecv/denoiser.hpp>

#include <unistd.h>

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include <opencv2/videoio.hpp>

namespace {

// Resident set size now (not the peak), from /proc/self/statm.
double residentMb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

double peakResidentMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;
}

int largeImage(const cv::Size& size, double maxOverhead) {
    aecv::Denoiser denoiser;
    cv::Mat image(size, CV_8UC3), result;
    cv::RNG(1).fill(image, cv::RNG::UNIFORM, 0, 256);
    const double before = residentMb();
    const auto start = std::chrono::steady_clock::now();
    denoiser.apply(image, result);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double images = 2.0 * static_cast<double>(image.total() * image.elemSize()) / (1024.0 * 1024.0);
    const double overhead = peakResidentMb() - images - (before - images / 2);
    std::printf("%dx%d BGR: %.1f s, peak resident %.0f MB = %.0f MB before + %.0f MB result + %.0f MB working set "
                "(limit %.0f MB)\n", size.width, size.height, seconds, peakResidentMb(), before, images / 2,
                overhead, maxOverhead);
    if (overhead > maxOverhead) {
        std::fprintf(stderr, "error: the working set grew to %.0f MB\n", overhead);
        return 1;
    }
    return 0;
}

int soak(int frames, double maxGrowth) {
    const char* video = "/usr/share/doc/opencv-doc/examples/data/vtest.avi";
    cv::VideoCapture capture(video);
    if (!capture.isOpened()) {
        std::fprintf(stderr, "error: cannot open %s (apt-get install opencv-doc)\n", video);
        return 1;
    }
    aecv::Denoiser denoiser;
    cv::RNG rng(1);
    cv::Mat frame, noise, noisy, clean;
    double at100 = 0;
    const auto start = std::chrono::steady_clock::now();
    for (int i = 1; i <= frames; ++i) {
        if (!capture.read(frame)) {  // loop the video
            capture.set(cv::CAP_PROP_POS_FRAMES, 0);
            if (!capture.read(frame)) {
                std::fprintf(stderr, "error: %s stopped delivering frames\n", video);
                return 1;
            }
        }
        noise.create(frame.size(), CV_16SC3);
        rng.fill(noise, cv::RNG::NORMAL, 0, 25);
        cv::add(frame, noise, noisy, cv::noArray(), CV_8U);
        denoiser.apply(noisy, clean);
        if (i == 100) at100 = residentMb();
        if (i == 100 || i % 1000 == 0 || i == frames) {
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::printf("frame %6d (%dx%d): resident %.1f MB, %.1f frames/s\n", i, frame.cols, frame.rows,
                        residentMb(), i / seconds);
            std::fflush(stdout);
        }
    }
    const double growth = residentMb() - at100;
    std::printf("resident memory from frame 100 to frame %d: %+.1f MB (limit %.1f MB)\n", frames, growth, maxGrowth);
    if (frames >= 100 && growth > maxGrowth) {
        std::fprintf(stderr, "error: resident memory grew by %.1f MB\n", growth);
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int frames = 10000;
    double maxGrowth = 8;
    std::string precision = "f32";
    cv::Size image;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--max-growth") && i + 1 < argc) maxGrowth = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--image") && i + 1 < argc &&
                 std::sscanf(argv[i + 1], "%dx%d", &image.width, &image.height) == 2 && !image.empty()) ++i;
        else if (!std::strcmp(argv[i], "--precision") && i + 1 < argc) precision = argv[++i];
        else if (std::atoi(argv[i]) > 0) frames = std::atoi(argv[i]);
        else {
            std::fprintf(stderr, "usage: aecv_soak [FRAMES] [--image WxH] [--max-growth MB] [--precision f32|bf16]\n");
            return 2;
        }
    }
    try {
        if (precision == "bf16") aecv::setPrecision(aecv::Precision::BF16);
        if (!image.empty()) return largeImage(image, maxGrowth);
        return soak(frames, maxGrowth);
    } catch (const cv::Exception& e) {
        std::fprintf(stderr, "error: %s\n", e.err.c_str());
        return 1;
    }
}
