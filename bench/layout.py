"""The page around a generated body: header, addressees, signature, and the
small flaws (bold markers, OCR slips) that real PDF-to-text conversions show.
"""

from __future__ import annotations

import random
import textwrap
from datetime import date

from bench.agencies import Issuer
from bench.fragments import Fragments

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM",)


class Layout:
    """Lays out one document's page; make one per document."""

    def __init__(self, rng: random.Random, frags: Fragments, issuer: Issuer,
                 doc_type: str, when: date) -> None:
        self.rng, self.f, self.issuer = rng, frags, issuer
        self.doc_type, self.when = doc_type, when
        self.bold = rng.random() < 0.3

    def _b(self, text: str, p: float = 1.0) -> str:
        return f"**{text}**" if self.bold and self.rng.random() < p else text

    def place(self) -> str:
        place = self.issuer.place
        if place == "Đắk Nông" and self.rng.random() < 0.3:
            return "Đăk Nông"
        return place

    def date_line(self) -> str:
        d, r = self.when, self.rng
        day = f"{d.day:02d}"
        if r.random() < 0.03:
            day = f"**{day}**"
        month = f"{d.month:02d}" if d.month < 3 and r.random() < 0.7 else str(d.month)
        return f"{self.place()}, ngày {day} tháng {month} năm {d.year}"

    def number_line(self, number: str) -> str:
        if self.issuer.party:
            return f"Số {number}"
        if self.rng.random() < 0.04:
            n, _, rest = number.partition("/")
            return f"Số: **{n}** /{rest}"
        return f"Số: {number}"

    def recipients(self) -> list[str]:
        pool = self.f[f"recipient.{self.issuer.pool}"]
        k = 1 if self.rng.random() < 0.15 else self.rng.randint(2, min(5, len(pool)))
        picked = sorted(self.rng.sample(range(len(pool)), k))
        return [pool[i] for i in picked]

    def head(self, number: str, subject: str) -> tuple[str, list[str]]:
        """Everything above the body, and the addressees it names."""
        r, iss, t = self.rng, self.issuer, self.doc_type
        blocks = [self._b("\n".join(iss.header)),
                  self._b("\n".join(PARTY_MOTTO if iss.party else MOTTO)),
                  self.number_line(number)]
        if r.random() < 0.02:  # header lost in conversion, as in one seed
            blocks = []
        if t == "Công văn":
            width = r.randint(32, 44)
            # break at spaces only: "570/CĐ-TTg" stays whole, as in the seeds
            lines = textwrap.wrap(f"V/v {subject}", width, break_on_hyphens=False,
                                  break_long_words=False)
            blocks.append("\n".join(lines))
            blocks.append(self.date_line())
        else:
            blocks.append(self.date_line())
            title = t.upper()
            if r.random() < 0.04:
                blocks += [f"## {title}", f"### **{subject}**", "-----"]
            else:
                blocks += [title, self._b(subject)]
        recipients: list[str] = []
        if t == "Công văn" or (t == "Thông báo" and r.random() < 0.3):
            recipients = self.recipients()
            if len(recipients) == 1:
                blocks.append(f"Kính gửi: {recipients[0]}.")
            else:
                blocks += ["Kính gửi:", _dash_list(recipients)]
        elif t == "Công điện":
            recipients = self.recipients()
            blocks += [f"{iss.chief_line} điện:", _dash_list(recipients)]
        return "\n\n".join(blocks), recipients

    def cc(self, has_recipients: bool) -> str:
        r = self.rng
        pool = self.f[f"cc.{self.issuer.pool}"]
        items = ["Như trên"] if has_recipients else []
        items += [pool[i] for i in sorted(r.sample(range(len(pool)),
                                                   r.randint(2, min(5, len(pool)))))]
        items = [i.format(prov=self.issuer.province) for i in items]
        if not self.issuer.party:  # the party's list ends with its own "Lưu"
            items.append(f"Lưu: {r.choice(self.f['file_unit'])}")
        label = r.choices(("Nơi nhận:", "Noi nhận:", "Noi nhậm:", "**Nơi nhận:**"),
                          (92, 4, 1, 3))[0]
        parts = [label]
        if r.random() < 0.2:
            parts += ["Gửi bản điện tử:"]
        parts.append(_dash_list(items))
        return "\n\n".join(parts)

    def signature(self, head_signs: bool) -> str:
        iss = self.issuer
        lines = [iss.authority] if iss.authority else []
        if head_signs:
            lines.append(iss.chief)
        else:
            if iss.kt:
                lines.append(f"KT. {iss.chief}")
            lines.append(iss.deputy)
        return self._b("\n".join(lines))

    def tail(self, signer: str, head_signs: bool, has_recipients: bool) -> str:
        cc, sig = self.cc(has_recipients), self.signature(head_signs)
        name = f"**{signer}**" if self.bold and self.rng.random() < 0.2 else signer
        x = self.rng.random()
        if x < 0.85:
            return f"{cc}\n\n{sig}\n\n\n\n{name}"
        if x < 0.9:
            return f"{sig}\n\n{cc}\n\n{name}"
        return f"{sig}\n\n\n\n{name}\n\n{cc}"

    def join(self, head: str, body: list[str], tail: str, annex: list[str]) -> str:
        if len(body) > 4 and self.rng.random() < 0.02:  # stray page number
            body = body[:3] + [str(self.rng.randint(2, 9))] + body[3:]
        text = "\n\n" + "\n\n".join([head, *body, tail])
        if annex:
            text += "\n\n\n\n" + "\n\n".join(annex)
        return text


def _dash_list(items: list[str]) -> str:
    return "\n".join(f"- {item}{';' if i < len(items) - 1 else '.'}"
                     for i, item in enumerate(items))
