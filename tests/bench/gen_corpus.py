#!/usr/bin/env python3
"""gen_corpus.py — writes the benchmark corpus for the text stage.

A large, deterministic dump of made-up Chinese chip-market news as JSON Lines
(keys id, title, content, published, source), built from the sentence
templates below: chip models, vendors, prices (26.5万元), dates
(2023年10月17日), quantities (3000片), paragraphs of 60-300 characters, 5-20
paragraphs an article.  It carries what the cleaner and the normalizer have
to deal with in real dumps, in about the shares they come in:

  * a paragraph repeated later in the article (about 5% of paragraphs);
  * a footer on some articles: 声明：…, 相关推荐 and a list of titles,
    责任编辑, 版权所有;
  * a dateline or the title repeated as the first line on some;
  * about 5% of the runs of ASCII letters and digits written full-width
    (ＲＴＸ４０９０, ２６.５万元).

With --script traditional the same articles are piped through ICU's
`uconv -x Simplified-Traditional` (Debian package icu-devtools).

    gen_corpus.py --size 200 --script simplified -o corpus-simplified.jsonl

--size is in MB of 10^6 bytes; the output is at least that large.  The
same --seed always gives the same bytes.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys

CHIPS = ["A100", "H100", "H20", "H800", "A800", "RTX 4090", "RTX 4090D", "L40S",
         "昇腾910B", "昇腾310", "MI300X", "MI250X", "Gaudi 2", "思元590", "深算二号",
         "B200", "GB200", "L20"]
VENDORS = ["英伟达", "AMD", "英特尔", "华为", "寒武纪", "海光信息", "壁仞科技",
           "摩尔线程", "燧原科技", "沐曦", "天数智芯"]
FABS = ["台积电", "三星电子", "中芯国际", "华虹半导体", "格罗方德", "联电"]
MEMORY = ["SK海力士", "美光", "三星电子", "长江存储", "长鑫存储"]
BUYERS = ["阿里巴巴", "腾讯", "百度", "字节跳动", "京东", "快手", "美团", "科大讯飞",
          "商汤科技", "浪潮信息", "中科曙光", "联想集团", "新华三", "中国移动",
          "中国电信", "一家头部互联网公司", "某省级智算中心"]
TRADERS = ["深圳华强北的一位显卡经销商", "北京中关村一家服务器代理商",
           "上海一家算力租赁公司的负责人", "一位从事GPU分销多年的业内人士",
           "一家渠道商的销售经理", "某整机厂商的采购负责人"]
ORGS = ["美国商务部", "美国商务部工业与安全局(BIS)", "工业和信息化部",
        "国家发展改革委", "海关总署", "荷兰政府", "日本经济产业省", "欧盟委员会"]
CITIES = ["深圳", "上海", "北京", "杭州", "合肥", "成都", "武汉", "苏州", "无锡",
          "南京", "西安", "重庆", "贵阳", "乌兰察布", "庆阳"]
MEDIA = ["证券时报", "第一财经", "21世纪经济报道", "财联社", "界面新闻", "新浪财经",
         "澎湃新闻", "经济观察报", "中国证券报", "科创板日报", "集微网", "电子工程专辑"]
ANALYSTS = ["TrendForce集邦咨询", "IDC", "Counterpoint", "Gartner", "中信证券",
            "华泰证券", "天风证券", "摩根士丹利", "高盛", "伯恩斯坦"]
PROCESSES = ["7纳米", "5纳米", "4纳米", "3纳米", "14纳米", "28纳米"]
PRODUCTS = ["HBM3", "HBM3E", "DDR5", "LPDDR5X", "CoWoS封装", "NAND闪存", "先进封装"]
QUARTERS = ["第一季度", "第二季度", "第三季度", "第四季度", "上半年", "前三季度"]
PEOPLE = ["一位业内人士", "接近该公司的人士", "一位不愿具名的分析师",
          "该公司相关负责人", "一位券商半导体分析师", "某服务器厂商高管"]
EDITORS = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄敏"]
ADJ = ["紧张", "吃紧", "持续偏紧", "明显缓解", "有所松动", "一货难求"]
TREND = ["上涨", "上调", "回落", "下跌", "小幅走高", "明显回调"]

TITLES = [
    "{chip}报价{trend} 渠道称{adj}",
    "{vendor}发布新一代AI芯片{chip2}，性能较{chip}提升{pct}",
    "{org}更新出口管制规则 {chip}、{chip2}受影响",
    "{buyer}被曝采购{qty}{chip} 总金额超{amount}",
    "{chip}单卡价格突破{price}，{city}市场{adj}",
    "{fab}{process}产能满载 {vendor}订单排至{year}年",
    "{memory}{product}供不应求，价格{quarter}{trend}{pct}",
    "{vendor}{quarter}营收{amount}，同比增长{pct}",
    "国产算力加速替代：{buyer}大规模部署{chip}",
    "{analyst}：{year}年全球AI服务器出货量将增长{pct}",
]

SENTENCES = [
    "{date}，{org}宣布对{chip}等高端芯片实施新的出口限制，新规将于{date2}正式生效。",
    "据{media}报道，{buyer}近期向{vendor}下单采购约{qty}{chip}，订单总金额超过{amount}。",
    "{trader}告诉记者，目前{chip}的市场报价已经{trend}至{price}左右，而{month}的价格还在{price2}上下。",
    "“现在是有价无货，”{trader}说，“上游已经通知我们，{chip}的交付时间至少要延后{weeks}周。”",
    "{analyst}在最新发布的报告中预计，{year}年全球AI服务器出货量将达到{units}万台，同比增长{pct}。",
    "{vendor}在财报中披露，公司{quarter}实现营收{amount}，其中数据中心业务收入占比约{pct}。",
    "受此影响，{chip}在{city}等地的渠道价格普遍{trend}，部分型号一周内涨幅接近{pct}。",
    "{fab}的{process}产能目前已经满载，{vendor}的新增订单最早要到{year}年{quarter}才能交付。",
    "业内普遍认为，{chip}的算力与{chip2}基本相当，但互联带宽由{bw}GB/s降至{bw2}GB/s。",
    "{people}透露，{buyer}今年的算力采购预算约为{amount}，其中超过一半将用于采购{chip}。",
    "从供应端看，{memory}的{product}产能仍然{adj}，这在一定程度上限制了{chip}的出货节奏。",
    "{city}一家智算中心的负责人表示，该中心一期部署了{units}台服务器，每台配备8张{chip}。",
    "按照目前的报价，一台搭载8张{chip}的服务器整机价格约为{price}，较年初{trend}了{pct}。",
    "对此，{vendor}方面回应称，公司将严格遵守相关法律法规，并持续为中国客户提供合规产品。",
    "{media}记者注意到，二手市场上{chip}的成交价也出现{trend}，部分成色较好的产品报价在{price}左右。",
    "{analyst}分析师指出，国产AI芯片的市场份额有望在{year}年提升至{pct}，{chip3}将是主要受益者。",
    "截至{date}收盘，{vendor}股价报{stock}美元，当日{trend}{pct}，总市值约{cap}亿美元。",
    "公告显示，{buyer}与{vendor}签署了总金额为{amount}的采购合同，合同期限为{months}个月。",
    "与{chip}相比，{chip2}采用{process}工艺，配备{mem}GB {product}显存，功耗约为{watt}W。",
    "{people}称，{chip}的订单已经排到了{year}年{quarter}，“{adj}的局面短期内不会改变”。",
    "海关数据显示，{month}我国集成电路进口数量为{qty}，同比{trend}{pct}，进口金额约{amount}。",
    "{vendor}表示，预计新规在短期内不会对公司业绩产生重大影响，但长期影响仍有待观察。",
    "一位渠道人士算了一笔账：按{price}一张计算，{qty}{chip}的采购成本就接近{amount}。",
    "市场人士分析，{chip}价格{trend}的主要原因是{org}的管制措施和{buyer}等大客户的集中采购。",
    "此前，{vendor}曾推出面向中国市场的特供版{chip}，但其性能较国际版有明显削减。",
    "({media}记者 {editor})",
    "值得注意的是，{buyer}在{date}的业绩说明会上表示，公司已储备足够的{chip}，可满足未来{months}个月的训练需求。",
    "{city}市政府近日发布算力基础设施建设方案，计划到{year}年建成总规模超过{units}PFlops的智算中心。",
    "在{process}先进制程方面，{fab}与{vendor}的合作仍在推进，首批样片预计在{quarter}流片。",
    "据不完全统计，今年以来国内已有超过{units}个智算中心项目公布，涉及投资金额逾{amount}。",
    "“我们的库存只剩下不到{qty2}，”一位经销商说，“{chip}的价格每天一个样。”",
    "根据{analyst}的数据，{quarter}全球{product}市场规模达到{amount}，环比增长{pct}。",
    "部分厂商开始转向{chip3}等国产方案，{buyer}已完成对{chip3}的适配测试。",
    "{vendor}CEO在{date}的发布会上展示了新一代产品{chip2}，称其推理性能是{chip}的{times}倍。",
]

FOOTERS_DISCLAIMER = [
    "声明：本文内容仅供参考，不构成投资建议。市场有风险，投资需谨慎。",
    "免责声明：本文所载信息仅供参考，据此操作，风险自担。",
    "版权声明：本文为{media}原创稿件，未经授权不得转载。",
    "本文来自{media}，转载请注明出处。",
]


class Gen:
    """One article after another, from a random.Random with a fixed seed."""

    def __init__(self, seed):
        self.r = random.Random(seed)
        self.n = 0

    def date(self, with_year=True):
        r = self.r
        y, m, d = r.randint(2022, 2024), r.randint(1, 12), r.randint(1, 28)
        return (y, m, d), (f"{y}年{m}月{d}日" if with_year else f"{m}月{d}日")

    def price(self):
        r = self.r
        k = r.random()
        if k < 0.6:
            return f"{r.uniform(1.2, 32.0):.1f}万元"
        if k < 0.85:
            return f"{r.randint(12, 260) * 100}元"
        return f"{r.randint(8, 40) * 1000}美元"

    def qty(self):
        r = self.r
        k = r.random()
        if k < 0.5:
            return f"{r.randint(1, 99) * 100}片"
        if k < 0.8:
            return f"{r.randint(1, 50) / 10:g}万张"
        return f"{r.randint(10, 900)}台"

    def amount(self):
        r = self.r
        if r.random() < 0.7:
            return f"{r.uniform(1, 500):.1f}亿元"
        return f"{r.uniform(1, 90):.1f}亿美元"

    def pct(self):
        r = self.r
        if r.random() < 0.85:
            return f"{r.uniform(0.5, 80):.1f}%"
        return r.choice(["一成", "两成", "三成", "近一倍", "五成"])

    def fill(self, template):
        r = self.r
        slots = {}
        for name in re.findall(r"\{(\w+)\}", template):
            if name in slots:
                continue
            if name in ("chip", "chip2", "chip3"):
                v = r.choice(CHIPS)
            elif name == "vendor": v = r.choice(VENDORS)
            elif name == "fab": v = r.choice(FABS)
            elif name == "memory": v = r.choice(MEMORY)
            elif name == "buyer": v = r.choice(BUYERS)
            elif name == "trader": v = r.choice(TRADERS)
            elif name == "org": v = r.choice(ORGS)
            elif name == "city": v = r.choice(CITIES)
            elif name == "media": v = r.choice(MEDIA)
            elif name == "analyst": v = r.choice(ANALYSTS)
            elif name == "process": v = r.choice(PROCESSES)
            elif name == "product": v = r.choice(PRODUCTS)
            elif name == "quarter": v = r.choice(QUARTERS)
            elif name == "people": v = r.choice(PEOPLE)
            elif name == "editor": v = r.choice(EDITORS)
            elif name == "adj": v = r.choice(ADJ)
            elif name == "trend": v = r.choice(TREND)
            elif name in ("date", "date2"): v = self.date(r.random() < 0.7)[1]
            elif name == "month": v = f"{r.randint(1, 12)}月"
            elif name in ("price", "price2"): v = self.price()
            elif name == "qty": v = self.qty()
            elif name == "qty2": v = f"{r.randint(5, 300)}张"
            elif name == "amount": v = self.amount()
            elif name == "pct": v = self.pct()
            elif name == "year": v = str(r.randint(2023, 2026))
            elif name == "weeks": v = str(r.randint(2, 30))
            elif name == "months": v = str(r.randint(3, 36))
            elif name == "units": v = str(r.randint(2, 2000))
            elif name in ("bw", "bw2"): v = str(r.choice([300, 400, 600, 900, 1800]))
            elif name == "stock": v = f"{r.uniform(80, 1200):.2f}"
            elif name == "cap": v = str(r.randint(800, 30000))
            elif name == "mem": v = str(r.choice([24, 48, 64, 80, 96, 141, 192]))
            elif name == "watt": v = str(r.choice([300, 350, 400, 450, 700, 750]))
            elif name == "times": v = str(r.randint(2, 30))
            else:
                raise KeyError(name)
            slots[name] = v
        return template.format(**slots)

    def fullwidth(self, text):
        """Write about one run of ASCII letters and digits in twenty
        full-width, as some sites do."""
        r = self.r

        def f(m):
            if r.random() >= 0.05:
                return m.group(0)
            return "".join(chr(ord(c) + 0xFEE0) for c in m.group(0))
        return re.sub(r"[A-Za-z0-9]+", f, text)

    def paragraph(self):
        r = self.r
        want = r.randint(60, 300)
        out = ""
        while True:
            s = self.fill(r.choice(SENTENCES))
            if out and len(out) + len(s) > 300:
                break
            out += s
            if len(out) >= want:
                break
        return self.fullwidth(out)

    def article(self):
        r = self.r
        self.n += 1
        title = self.fullwidth(self.fill(r.choice(TITLES)))
        (y, m, d), _ = self.date()
        hh, mm = r.randint(6, 23), r.randint(0, 59)
        media = r.choice(MEDIA)
        k = r.random()
        if k < 0.5:
            published = f"{y}-{m:02d}-{d:02d} {hh:02d}:{mm:02d}"
        elif k < 0.8:
            published = f"{y}-{m:02d}-{d:02d}T{hh:02d}:{mm:02d}:00+08:00"
        else:
            published = f"{y}年{m}月{d}日 {hh:02d}:{mm:02d}"

        paras = []
        if r.random() < 0.1:
            paras.append(title)
        if r.random() < 0.3:
            paras.append(f"{y}年{m}月{d}日 {hh:02d}:{mm:02d}\u3000来源：{media}")
        body = []
        for _ in range(r.randint(5, 20)):
            if body and r.random() < 0.05:
                body.append(r.choice(body))         # the scraper saw it twice
            else:
                body.append(self.paragraph())
        paras += body
        k = r.random()
        if k < 0.15:
            paras.append(self.fill(r.choice(FOOTERS_DISCLAIMER)))
        elif k < 0.3:
            paras.append(f"责任编辑：{r.choice(EDITORS)}")
            paras.append("相关推荐")
            for _ in range(r.randint(3, 6)):
                paras.append(self.fill(r.choice(TITLES)))
        elif k < 0.35:
            paras.append(f"版权所有 © {y} {media} 保留所有权利")
        return {
            "id": f"bench-{self.n:07d}",
            "title": title,
            "content": "\n".join(paras),
            "published": published,
            "source": media,
        }

    def write(self, f, nbytes):
        """Write articles to binary file f until nbytes are written; return
        the count written."""
        done = 0
        while done < nbytes:
            line = (json.dumps(self.article(), ensure_ascii=False) + "\n").encode("utf-8")
            f.write(line)
            done += len(line)
        return done


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=float, default=200,
                    help="size of the output in MB of 10^6 bytes (default 200)")
    ap.add_argument("--script", choices=["simplified", "traditional"], default="simplified")
    ap.add_argument("--seed", type=int, default=20231017)
    ap.add_argument("-o", "--output", default="-", help="output file (default stdout)")
    args = ap.parse_args()
    target = int(args.size * 1_000_000)
    gen = Gen(args.seed)
    to_stdout = args.output == "-"

    if args.script == "simplified":
        if to_stdout:
            gen.write(sys.stdout.buffer, target)
        else:
            with open(args.output, "wb") as f:
                gen.write(f, target)
        return 0

    uconv = shutil.which("uconv")
    if not uconv:
        sys.exit("gen_corpus.py: --script traditional needs uconv "
                 "(Debian package icu-devtools)")
    cmd = [uconv, "-f", "utf-8", "-t", "utf-8", "-x", "Simplified-Traditional"]
    # The conversion keeps most characters at three bytes, but not all:
    # convert in rounds until the file is large enough.
    mode = "wb"
    while True:
        out = sys.stdout.buffer if to_stdout else open(args.output, mode)
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out)
        have = 0 if to_stdout or mode == "wb" else os.path.getsize(args.output)
        gen.write(p.stdin, target - have)
        p.stdin.close()
        if p.wait() != 0:
            sys.exit(f"gen_corpus.py: uconv failed with status {p.returncode}")
        if to_stdout:
            return 0
        out.close()
        if os.path.getsize(args.output) >= target:
            return 0
        mode = "ab"


if __name__ == "__main__":
    sys.exit(main())
