"""Compose the subject and body of one synthetic document from fragments.

Sentences are built as actor + lead + action + qualifier, each drawn from its
own list, so a few hundred fragments give millions of distinct sentences and
a realistic vocabulary; the topic's actions repeat its words through the body.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

from bench.agencies import Issuer
from bench.fragments import Fragments

# "... số 101/2010/NĐ-CP ngày 30 tháng 9 năm 2010 của Chính phủ ..." in a basis line
LONG_CITE = re.compile(r"(?P<type>Nghị định|Thông tư|Quyết định|Nghị quyết) số "
                       r"(?P<number>\S+) ngày (?P<d>\d+) tháng (?P<m>\d+) năm "
                       r"(?P<y>\d{4}) của (?P<issuer>Chính phủ|Thủ tướng Chính phủ|Bộ \S+ \S+)")


@dataclass(frozen=True)
class Cite:
    """An earlier document that this one refers to."""

    doc_type: str
    number: str
    when: date
    issuer: str
    subject: str

    def short(self) -> str:
        return f"{self.doc_type} số {self.number}"

    def full(self, dmy: str) -> str:
        return f"{self.short()} ngày {dmy} của {self.issuer} về {self.subject}"


def dmy(d: date) -> str:
    """Date as the body text writes it: 03/5/2021."""
    return f"{d.day:02d}/{d.month}/{d.year}"


def long_date(d: date) -> str:
    """Date as a sentence writes it: 21 tháng 5 năm 2021."""
    return f"{d.day:02d} tháng {d.month} năm {d.year}"


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def initials(name: str) -> str:
    """'Sở Giáo dục và Đào tạo' -> 'SGDĐT', the way symbols abbreviate agencies."""
    return "".join(w[0].upper() for w in name.split() if w[0].isalpha() and w != "và")


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


class Slots(dict):
    """Placeholder values: fixed per document, or drawn afresh at each use."""

    def __init__(self, rng: random.Random, when: date, fixed: dict[str, str],
                 partners: tuple[str, ...]) -> None:
        super().__init__(fixed)
        self.rng = rng
        self.when = when
        self.partners = partners

    def __missing__(self, key: str) -> str:
        r = self.rng
        if key == "n":
            return str(r.randint(2, 480))
        if key == "k":
            return str(r.randint(2, 30))
        if key == "pct":
            return str(r.randint(35, 99))
        if key == "big":
            return thousands(r.randint(1200, 98000))
        if key == "money":
            return f"{r.randint(2, 950)},{r.randint(1, 9)} tỷ đồng"
        if key == "dmy":
            return dmy(self.when - timedelta(days=r.randint(1, 60)))
        if key == "deadline":
            return dmy(self.when + timedelta(days=r.randint(5, 45)))
        if key == "partner":
            return r.choice(self.partners)
        raise KeyError(key)

    def with_cite(self, cite: Cite) -> Slots:
        """A copy that also knows one cited document."""
        out = Slots(self.rng, self.when, dict(self), self.partners)
        out["cited"] = cite.full(dmy(cite.when))
        out["cited_short"] = cite.short()
        out["cited_date"] = dmy(cite.when)
        out["cited_issuer"] = cite.issuer
        out["cited_subject"] = cite.subject
        return out


class Writer:
    """Writes one document's subject and body; make one per document."""

    def __init__(self, rng: random.Random, frags: Fragments, issuer: Issuer,
                 doc_type: str, when: date, topics: list[str],
                 cites: list[Cite], people: tuple[str, ...],
                 number: str, current: tuple[str, ...] = ()) -> None:
        self.rng = rng
        self.f = frags
        self.issuer = issuer
        self.doc_type = doc_type
        self.when = when
        self.topics = topics
        self.cites = cites
        self.people = people
        self.number = number
        self.mentioned: list[Cite] = []  # what the text really cites, in order
        self.subject_mentions = 0
        pool = "province" if issuer.pool == "party" else issuer.pool
        self.pool = pool
        self.all_topics = current or tuple(frags.labels)  # topics of the day
        self.core = self._pick(f"{topics[0]}.subject") or frags.labels[topics[0]]
        self.slots = Slots(rng, when, self._fixed(), frags.actors[pool])
        self.core = self.fill(self.core)
        self.slots["topic_phrase"] = self.core
        self.annex_kind, self.annex_rest = "Kế hoạch", self.core  # Quyết định

    def _fixed(self) -> dict[str, str]:
        iss = self.issuer
        report_to = iss.self_ref
        via = [a for a in self.f.topic_actors.get((self.pool, self.topics[0]), ())
               if a.startswith(("Sở ", "Phòng "))]
        if iss.pool in ("province", "district") and via and self.rng.random() < 0.5:
            report_to = f"{iss.self_ref} (qua {self.rng.choice(via)})"
        return {
            "self": iss.self_ref,
            "superior": iss.superior,
            "area": iss.area,
            "prov": iss.province or "Nhân dân",
            "report_to": report_to,
            "year": str(self.when.year),
            "next_year": str(self.when.year + 1),
            "meeting_body": iss.meeting,
            "meet_date": long_date(self.when - timedelta(days=self.rng.randint(1, 6))),
            "chair": f"đồng chí {self.rng.choice(self.people)}, {iss.chair}",
        }

    # -- small pieces -------------------------------------------------------

    def mention(self, cite: Cite) -> Cite:
        """Note that the text cites this document (the ground truth's cites)."""
        if cite not in self.mentioned:
            self.mentioned.append(cite)
        return cite

    def _pick(self, section: str) -> str:
        items = self.f.get(section)
        return self.rng.choice(items) if items else ""

    def fill(self, text: str, slots: Slots | None = None) -> str:
        return text.format_map(slots or self.slots) if "{" in text else text

    def topic(self) -> str:
        """Mostly the document's own topics, sometimes another for variety."""
        r = self.rng.random()
        if r < 0.55:
            return self.topics[0]
        if r < 0.9:
            return self.rng.choice(self.topics)
        return self.rng.choice(self.all_topics)

    def actor(self, topic: str) -> str:
        fitting = self.f.topic_actors.get((self.pool, topic))
        if fitting and self.rng.random() < 0.65:
            return self.rng.choice(fitting)
        return self.rng.choice(self.f.actors[self.pool])

    def proposer(self) -> str:
        """A department that submits a Tờ trình (a Sở, Phòng, Cục …)."""
        heads = ("Sở ", "Phòng ", "Cục ", "Bộ ", "Trung tâm ", "Chi cục ")
        pool = self.f.topic_actors.get((self.pool, self.topics[0]), ())
        pool = [a for a in pool if a.startswith(heads)] or [
            a for a in self.f.actors[self.pool] if a.startswith(heads)]
        return self.rng.choice(pool) if pool else "Văn phòng"

    def action(self, topic: str) -> str:
        """Lead + action (+ a second action) + qualifier, without the actor."""
        r = self.rng
        text = self.fill(r.choice(self.f[f"{topic}.action"]))
        if r.random() < 0.25:
            text += "; " + self.fill(r.choice(self.f[f"{self.topic()}.action"]))
        if r.random() < 0.5:
            text = f"{self.fill(r.choice(self.f['lead']))} {text}"
        if r.random() < 0.5:
            text += self.fill(r.choice(self.f["qualifier"]))
        return text

    def directive(self, topic: str | None = None, actor: bool = True) -> str:
        topic = topic or self.topic()
        if actor:
            return f"{self.actor(topic)} {self.action(topic)}."
        return f"{cap(self.action(topic))}."

    def situation(self, topic: str | None = None) -> str:
        text = self._pick(f"{topic or self.topic()}.situation")
        if not text:
            text = self.rng.choice(self.f["covid.situation"])
        return f"{self.fill(text)}."

    def paragraph(self, sentences: int = 0) -> str:
        r = self.rng
        out = []
        for i in range(sentences or r.randint(1, 3)):
            if i and r.random() < 0.35:
                out.append(f"{r.choice(self.f['bridge'])} {self.action(self.topic())}.")
            else:
                out.append(self.directive(actor=r.random() < 0.6))
        if self.cites and r.random() < 0.12:
            cite = self.mention(r.choice(self.cites))
            out.append(self.fill(r.choice(self.f["cite.inline"]), self.slots.with_cite(cite)))
        return " ".join(out)

    def bullets(self, n: int, mark: str = "-") -> list[str]:
        topic = self.topic()
        return [f"{mark} {self.directive(topic, actor=False)}" for _ in range(n)]

    def item(self, label: str) -> str:
        """One numbered item in one of the three shapes the seeds use."""
        r = self.rng.random()
        if r < 0.55:
            return f"{label} {self.paragraph()}"
        if r < 0.85:
            head = f"{label} {self.actor(self.topic())}"
            return "\n\n".join([head, *self.bullets(self.rng.randint(2, 4))])
        topic = self.topic()
        subs = [f"{chr(97 + i)}) {self.directive(topic, actor=False)}"
                for i in range(self.rng.randint(2, 4))]
        intro = f"{label} {self.actor(topic)} tập trung thực hiện các nhiệm vụ sau:"
        return "\n\n".join([intro, *subs])

    def items(self, budget: int, start: int = 1, prefix: str = "") -> list[str]:
        """Numbered items until the budget of characters is spent."""
        out: list[str] = []
        size, i = 0, start
        while size < budget or len(out) < 2:
            block = self.item(f"{prefix}{i}.")
            out.append(block)
            size += len(block)
            i += 1
        return out

    # -- subjects -----------------------------------------------------------

    def subject(self) -> str:
        """The subject line, without the "V/v" of a Công văn."""
        r = self.rng
        iss, t = self.issuer, self.doc_type
        if t == "Công văn":
            if self.cites and r.random() < 0.35:
                c = self.mention(self.cites[0])
                self.subject_mentions = 1
                verb = r.choice(("triển khai", "thực hiện", "tiếp tục thực hiện"))
                return f"{verb} {c.full(dmy(c.when))}"
            return self.core
        if t == "Thông báo":
            if r.random() < 0.6:
                return (f"Kết luận của {iss.chair} tại cuộc họp "
                        f"{iss.meeting} về {self.core}")
            return f"Về việc {self.core}"
        if t == "Kế hoạch":
            return f"{cap(self.core)} {iss.area} năm {self.when.year}"
        if t == "Quyết định":
            kind, _, rest = r.choice(self.f["qd.attachment"]).partition("|")
            self.annex_kind, self.annex_rest = kind.strip(), self.fill(rest.strip())
            return f"Về việc ban hành {self.annex_kind} {self.annex_rest}"
        return f"Về việc {self.core}"

    # -- bodies -------------------------------------------------------------

    def intro(self) -> str:
        r = self.rng
        if self.cites and r.random() < 0.75:
            return self.fill(r.choice(self.f["intro.cite"]),
                             self.slots.with_cite(self.mention(self.cites[0])))
        parts = [self.situation(), self.situation(self.topics[0])]
        ask = f"{self.fill(r.choice(self.f['intro.background']))} " \
              f"{self.fill(r.choice(self.f['intro.ask']))}"
        return " ".join(parts[: r.randint(1, 2)] + [ask])

    def body(self, budget: int) -> tuple[list[str], list[str]]:
        """Body blocks, and blocks to print after the signature (annexes)."""
        del self.mentioned[self.subject_mentions:]  # a retry starts afresh
        build = {
            "Công văn": self._cong_van,
            "Thông báo": self._thong_bao,
            "Kế hoạch": self._ke_hoach,
            "Quyết định": self._quyet_dinh,
            "Công điện": self._cong_dien,
            "Chỉ thị": self._chi_thi,
        }[self.doc_type]
        return build(max(budget, 600))

    def _closing(self, kind: str) -> str:
        return self.fill(self.rng.choice(self.f[f"closing.{kind}"]))

    def _cong_van(self, budget: int) -> tuple[list[str], list[str]]:
        intro = self.intro()
        return [intro, *self.items(budget - len(intro)), self._closing("cv")], []

    def _thong_bao(self, budget: int) -> tuple[list[str], list[str]]:
        r, f = self.rng, self.f
        attend = f.get(f"meeting.attend.{self.pool}") or f["meeting.attend"]
        opening = " ".join([self.fill(r.choice(f["meeting.open"])),
                            self.fill(r.choice(attend))])
        conclude = self.fill(r.choice(f["meeting.conclude"]))
        praise = "1. " + ". ".join(r.sample(f["meeting.praise"], 2)) + "."
        ask = ("2. Trong thời gian tới, yêu cầu các cơ quan, đơn vị, địa phương "
               "tập trung thực hiện tốt một số nhiệm vụ trọng tâm sau:")
        used = len(opening) + len(praise) + 300
        subs = self.items(budget - used, prefix="2.")
        return [opening, conclude, praise, ask, *subs, self._closing("tb")], []

    def _ke_hoach(self, budget: int) -> tuple[list[str], list[str]]:
        r, f = self.rng, self.f
        blocks = []
        for cite in map(self.mention, self.cites):
            blocks.append(f"Căn cứ {cite.full(dmy(cite.when))};")
        blocks.append(f"{self.issuer.self_ref} ban hành Kế hoạch {self.core} như sau:")
        blocks += ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
                   *[f"- {s}." for s in r.sample(f["plan.purpose"], 2)],
                   "2. Yêu cầu",
                   *[f"- {s}." for s in r.sample(f["plan.require"], 2)],
                   "II. NHIỆM VỤ, GIẢI PHÁP"]
        used = sum(map(len, blocks))
        blocks += self.items((budget - used) * 2 // 3)
        blocks += ["III. KINH PHÍ THỰC HIỆN", self.fill(r.choice(f["plan.funding"])),
                   "IV. TỔ CHỨC THỰC HIỆN"]
        used = sum(map(len, blocks))
        blocks += self.items(budget - used)
        blocks.append(self._closing("kh"))
        return blocks, []

    def _quyet_dinh(self, budget: int) -> tuple[list[str], list[str]]:
        r, f, iss = self.rng, self.f, self.issuer
        blocks = [iss.chief_line]
        for line in r.sample(f["qd.basis"], r.randint(2, 4)):
            blocks.append(line)
            if m := LONG_CITE.search(line):
                self.mention(Cite(m["type"], m["number"],
                                  date(int(m["y"]), int(m["m"]), int(m["d"])),
                                  m["issuer"], ""))
        blocks += [f"Căn cứ {self.mention(c).full(dmy(c.when))};" for c in self.cites]
        proposer = self.proposer()
        proposal = self.mention(Cite(
            "Tờ trình", f"{r.randint(10, 900)}/TTr-{initials(proposer)}",
            self.when - timedelta(days=r.randint(3, 40)), proposer, ""))
        blocks.append(f"Theo đề nghị của {proposer} tại Tờ trình số "
                      f"{proposal.number} ngày {dmy(proposal.when)}.")
        blocks.append("QUYẾT ĐỊNH:")
        kind, rest = self.annex_kind, self.annex_rest
        attachment = f"{kind} {rest}"
        blocks.append(f"Điều 1. Ban hành kèm theo Quyết định này {attachment}.")
        blocks.append("Điều 2. " + self.fill(f["qd.article"][1]) + " "
                      + self.fill(f["qd.article"][2]))
        blocks.append("Điều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị "
                      "có liên quan chịu trách nhiệm thi hành Quyết định này./.")
        used = sum(map(len, blocks))
        if budget - used < 800:
            return blocks, []
        annex = [kind.upper(), cap(rest),
                 f"(Ban hành kèm theo Quyết định số {self.number} ngày "
                 f"{dmy(self.when)} của {iss.short})"]
        annex += ["I. MỤC ĐÍCH, YÊU CẦU",
                  *[f"- {s}." for s in r.sample(f["plan.purpose"], 2)],
                  "II. NỘI DUNG"]
        annex += self.items(budget - used - 300)
        return blocks, annex

    def _cong_dien(self, budget: int) -> tuple[list[str], list[str]]:
        r = self.rng
        blocks = [f"{self.situation(self.topics[0])} {self.situation()}",
                  f"Để {self.core}, {self.issuer.chief_ref} yêu cầu:"]
        blocks += self.items(budget - 400)
        blocks.append(self._closing("cd"))
        if self.cites and r.random() < 0.5:
            cited = self.slots.with_cite(self.mention(self.cites[0]))
            blocks.insert(0, self.fill("Thực hiện {cited}.", cited))
        return blocks, []

    def _chi_thi(self, budget: int) -> tuple[list[str], list[str]]:
        blocks = [f"{self.situation(self.topics[0])} {self.situation()} "
                  f"{self.situation()}",
                  f"Để {self.core}, {self.issuer.chief_ref} chỉ thị:"]
        blocks += self.items(budget - 500)
        blocks.append(self._closing("ct"))
        return blocks, []
