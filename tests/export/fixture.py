"""A small campaign repository for the export tests: real rules, a few fictional records, real photos.

IDs are fictional with valid GB 11643 checksums; one ends in X. Some values start with `=`, `+`, `-`
and `@` so the spreadsheet tests can prove they are stored as text.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml
from PIL import Image

RULES = Path(__file__).resolve().parents[2] / "rules"
TODAY = "2021-08-12"  # before the contact-form deadline: the other cities only draw warnings
FORMULA = '=HYPERLINK("http://example.org","点击查看")'
ID_X = "14010519900307104X"
ID_MALE = "140202198805111017"
DEEDS = "在窗口工作中认真负责，热情服务群众，业务熟练，深受好评。"

WINDOWS: dict[str, dict[str, Any]] = {
    # Path order (rsj < xiaodian) differs from 推荐排序, so sorting by file name would be caught.
    "taiyuan/windows/rsj-12333": {
        "推荐排序": 2,
        "窗口名称": "山西省太原市人力资源和社会保障局12333电话咨询服务窗口",
        "窗口类别": "12333电话咨询服务",
        "窗口性质": "事业单位",
        "窗口级别": "市级",
        "窗口负责人": {"姓名": "范丽君", "单位及职务": "-信息中心副主任", "联系电话": "0351-5628307"},
        "窗口所属单位名称": "@太原市人力资源和社会保障信息中心",
        "窗口所属单位行政级别": "正处级",
        "备注": "+2020年全省技能竞赛团体第二名",
    },
    "taiyuan/windows/xiaodian-shebao": {
        "推荐排序": 1,
        "窗口名称": "山西省太原市小店区社会保险服务窗口",
        "窗口类别": "社会保险经办",
        "窗口性质": "参公单位",
        "窗口级别": "县级",
        "窗口负责人": {"姓名": "冯建英", "单位及职务": "小店区社会保险中心主任", "联系电话": "13903517236"},
        "窗口所属单位名称": "太原市小店区社会保险中心",
        "窗口所属单位行政级别": "正科级",
        "备注": FORMULA,
    },
    "datong/windows/pingcheng-jiedao": {
        "推荐排序": 1,
        "窗口名称": "山西省大同市平城区新建南路街道劳动保障服务窗口",
        "窗口类别": "乡镇（街道）、社区服务所（站）",
        "窗口性质": "事业单位",
        "窗口级别": "乡镇（街道）",
        "窗口负责人": {"姓名": "曹志红", "单位及职务": "街道便民服务中心副主任", "联系电话": "0352-5127649"},
        "窗口所属单位名称": "大同市平城区新建南路街道便民服务中心",
        "窗口所属单位行政级别": "股级",
    },
}

OPINIONS = {
    key: {"意见": "同意推荐", "签字人": signer, "日期": "2021-10-20"}
    for key, signer in (("纪检监察", "韩文斌"), ("组织人事", "冯丽君"))
}

INDIVIDUALS: dict[str, dict[str, Any]] = {
    "taiyuan/individuals/li-jia-hui": {
        "推荐排序": 1,
        "姓名": "李佳慧",
        "性别": "女",
        "民族": "汉族",
        "政治面貌": "中共党员",
        "学历学位": "大学本科/学士",
        "身份证号": ID_X,
        "工作单位": "山西省太原市万柏林区公共就业服务窗口",
        "单位性质": "事业单位",
        "职务": "就业服务窗口负责人",
        "行政级别": "科员",
        "职称": "经济师",
        "参加人社工作时间": "2012-07",
        "到窗口工作时间": "2015-03",  # 6 whole years at the reference date 2021-08-23
        "联系电话": "13834561207",
        "备注": "2019年获太原市岗位练兵比武个人第二名",
        "征求意见": OPINIONS,
    },
    "datong/individuals/ma-jian-jun": {
        "推荐排序": 1,
        "姓名": "马建军",
        "性别": "男",
        "民族": "回族",
        "政治面貌": "中共党员",
        "学历学位": "大学本科/学士",
        "身份证号": ID_MALE,
        "工作单位": "山西省大同市云冈区社会保险服务窗口",
        "单位性质": "参公单位",
        "职务": "待遇核定股股长",
        "行政级别": "四级主任科员",
        "职称": "无",
        "参加人社工作时间": "2006-09",
        "到窗口工作时间": "2011年9月",  # 9 whole years at 2021-08-23
        "联系电话": "0352-5127650",
    },
}

UNITS = {
    "taiyuan": ("太原市人力资源和社会保障局", "郭晓燕", "0351-4225318", "13903511826"),
    "datong": ("大同市人力资源和社会保障局", "杜宏伟", "0352-2046731", "13835262417"),
}


def _photo(target: Path, seed: str) -> None:
    """A 2-inch blue-background JPEG above the 10 KB minimum (noise keeps JPEG from shrinking it)."""
    rng = random.Random(seed)
    size = (413, 579)
    blue = Image.new("RGB", size, (67, 142, 219))
    noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    target.parent.mkdir(parents=True, exist_ok=True)
    Image.blend(blue, Image.merge("RGB", (noise, noise, noise)), 0.05).save(target, "JPEG", quality=92)


def _dump(target: Path, data: dict[str, Any]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def formal_stage(root: Path, feedback: str = "2021-10-01", declined: tuple[str, ...] = ()) -> None:
    """The province recommends every nominee; the ministry feeds them back on `feedback`, but `declined`."""
    lines = ["决定:"]
    for kind in (WINDOWS, INDIVIDUALS):
        for order, rid in enumerate(kind, 1):
            answer = "未通过" if rid in declined else "拟推荐"
            lines.append(f"  - {{记录: {rid}, 决定: 推荐, 排序: {order}, 人社部反馈: {answer}}}")
    lines.append(f"人社部反馈日期: {feedback}")
    (root / "submissions").mkdir(parents=True, exist_ok=True)
    (root / "submissions" / "decisions.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build(root: Path, formal_from: str | None = None) -> Path:
    """Write the campaign under `root`; `formal_from` records the ministry's feedback on that day."""
    shutil.copytree(RULES, root / "rules")
    if formal_from is not None:
        formal_stage(root, formal_from)
    subs = root / "submissions"
    for code, (name, person, office, mobile) in UNITS.items():
        contact = {"姓名": person, "职务": "人事科科长", "办公电话": office, "手机": mobile}
        _dump(
            subs / code / "unit.yml", {"单位": name, "联系人": {**contact, "邮箱": f"rsk.{code}@example.org"}}
        )
    common = {
        "简要事迹": DEEDS,
        "主要事迹": DEEDS * 3,
        "单位公示": {"开始": "2021-08-02", "结束": "2021-08-06"},
    }
    for rid, data in WINDOWS.items():
        _dump(subs / f"{rid}.yml", {**data, **common, "无违法违纪承诺": True, "无作风问题承诺": True})
    for rid, data in INDIVIDUALS.items():
        unit, _, slug = rid.split("/")
        photo = f"photos/{slug}.jpg"
        _photo(subs / unit / photo, slug)
        _dump(subs / f"{rid}.yml", {**data, **common, "在职工作人员": True, "照片": photo})
    return root
