#!/usr/bin/env python3
# ResNet v1 (He et al. 2015, Table 1) multiply-adds of convs + fc on 224x224x3, downsampling in the
# first conv of a stage (stride 2, in the 1x1 for bottlenecks), projection shortcuts (1x1, stride 2) where shape changes.
def conv(h, cin, cout, k, s, p):
    ho = (h - k + 2 * p) // s + 1
    return ho, ho * ho * cout * k * k * cin
def resnet(blocks, bottleneck):
    macs = 0
    h, m = conv(224, 3, 64, 7, 2, 3); macs += m
    h = (h - 3 + 2) // 2 + 1  # 3x3 max pool stride 2 pad 1
    cin = 64
    for stage, n in enumerate(blocks):
        w = 64 * 2 ** stage
        cout = w * 4 if bottleneck else w
        for b in range(n):
            s = 2 if (b == 0 and stage > 0) else 1
            if bottleneck:
                h1, m1 = conv(h, cin, w, 1, s, 0)
                _, m2 = conv(h1, w, w, 3, 1, 1)
                _, m3 = conv(h1, w, cout, 1, 1, 0)
                mm = m1 + m2 + m3
            else:
                h1, m1 = conv(h, cin, w, 3, s, 1)
                _, m2 = conv(h1, w, w, 3, 1, 1)
                mm = m1 + m2
            if s != 1 or cin != cout:
                _, ms = conv(h, cin, cout, 1, s, 0); mm += ms
            macs += mm; h = h1; cin = cout
    macs += cin * 1000
    return macs
for d, (bl, bn) in {18: ([2,2,2,2], False), 34: ([3,4,6,3], False), 50: ([3,4,6,3], True), 101: ([3,4,23,3], True), 152: ([3,8,36,3], True)}.items():
    print(d, resnet(bl, bn))
