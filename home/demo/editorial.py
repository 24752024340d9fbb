"""Interviews with graduates, news and a seminar notice with its registration form.

Everything here is invented for the demo: the town (ひなた町), the people and
their stories. Illustrations are drawn with Pillow at load time (soft shapes,
no text) and stored as Wagtail images with alt text.

Idempotent: indexes, pages and images are found by slug or title; a page that
exists is left as it is, so editors' changes to the demo survive a reload.
"""

from __future__ import annotations

import datetime
import io
import random
from typing import TYPE_CHECKING

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Site
from wagtail.rich_text import RichText

from courses.models import Cohort
from home.models import ArticleIndexPage, HomePage, InterviewPage, NewsPage, RegistrationFormField
from home.models.articles import InterviewCourse
from home.models.pages import HomePageFeaturedCourse
from tests.factories.home import ArticleIndexPageFactory, InterviewPageFactory, NewsPageFactory

if TYPE_CHECKING:
    from . import DemoContext

TOWN = "ひなた町"
FEATURED_COURSES = [
    "web-writing-intro",
    "web-design-intro",
    "proposal-basics",
    "seo-article-structure",
    "banner-design-basics",
    "pricing-and-negotiation",
    "portfolio-and-repeat-clients",
]

# Illustrations -----------------------------------------------------------------

PALETTES = {
    "dawn": ("#fde2c8", "#f7b7a3", "#8fb9a8", "#5e8c7a", "#f6d365"),
    "sea": ("#d6ecf3", "#a7d3e6", "#6aa6c8", "#2f6f95", "#ffe8a3"),
    "forest": ("#e6f2d9", "#c5e0b4", "#8cbf88", "#4f8a5b", "#f9d976"),
    "evening": ("#2b3a67", "#496a81", "#66999b", "#b3af8f", "#ffc482"),
}


def _gradient(size: tuple[int, int], top: str, bottom: str) -> PILImage.Image:
    base = PILImage.new("RGB", size, top)
    overlay = PILImage.new("RGB", size, bottom)
    mask = PILImage.linear_gradient("L").resize(size)
    return PILImage.composite(overlay, base, mask)


def _landscape(palette: str, seed: int) -> PILImage.Image:
    sky, haze, near, far, sun = PALETTES[palette]
    rng = random.Random(seed)  # noqa: S311 (shapes, not secrets)
    size = (1440, 810)
    image = _gradient(size, sky, haze)
    draw = ImageDraw.Draw(image)
    draw.ellipse((1000, 140, 1220, 360), fill=sun)
    for layer, colour in enumerate((near, far)):
        base = 520 + layer * 120
        points = [(0, size[1])]
        for x in range(0, size[0] + 160, 160):
            points.append((x, base - rng.randint(20, 140)))
        points.append((size[0], size[1]))
        draw.polygon(points, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1))


def _desk(palette: str) -> PILImage.Image:
    wall, soft, accent, dark, light = PALETTES[palette]
    size = (1200, 800)
    image = _gradient(size, wall, soft)
    draw = ImageDraw.Draw(image)
    draw.rectangle((760, 90, 1060, 390), fill=dark)  # window
    draw.ellipse((880, 150, 960, 230), fill=light)  # moon or sun in the window
    draw.rectangle((0, 560, 1200, 800), fill=accent)  # desk
    draw.rounded_rectangle((300, 300, 760, 560), radius=18, fill="#3b4252")  # screen
    draw.rounded_rectangle((322, 322, 738, 538), radius=10, fill=light)
    draw.polygon([(240, 560), (820, 560), (880, 610), (180, 610)], fill="#4c566a")  # keyboard
    draw.rounded_rectangle((930, 470, 1020, 590), radius=12, fill="#ffffff")  # mug
    draw.ellipse((1000, 500, 1050, 560), outline="#ffffff", width=10)
    return image


def _gathering(palette: str) -> PILImage.Image:
    wall, soft, accent, dark, light = PALETTES[palette]
    size = (1200, 800)
    image = _gradient(size, wall, soft)
    draw = ImageDraw.Draw(image)
    draw.ellipse((300, 380, 900, 620), fill=accent)  # table
    seats = [(250, 330), (450, 250), (750, 250), (950, 330), (300, 640), (900, 640)]
    colours = [dark, light, "#e07a5f", "#81b29a", "#f2cc8f", "#3d405b"]
    for (x, y), colour in zip(seats, colours, strict=True):
        draw.ellipse((x - 45, y - 45, x + 45, y + 45), fill=colour)  # heads
        draw.rounded_rectangle((x - 70, y + 40, x + 70, y + 130), radius=40, fill=colour)
    draw.rounded_rectangle((540, 440, 660, 520), radius=8, fill="#ffffff")  # papers on the table
    return image


def _avatar(background: str, skin: str, clothes: str, hair: str) -> PILImage.Image:
    size = (480, 480)
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((90, 300, 390, 560), radius=120, fill=clothes)
    draw.ellipse((150, 90, 330, 290), fill=skin)
    draw.chord((140, 70, 340, 250), start=180, end=360, fill=hair)
    return image


def _png(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _image(title: str, description: str, draw, filename: str):
    """The Wagtail image called `title`, drawn and stored on the first load."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, description=description)
        image.file = ImageFile(io.BytesIO(_png(draw())), name=filename)
        image.save()
    return image


# Text helpers ----------------------------------------------------------------------


def _p(*paragraphs: str) -> tuple[str, RichText]:
    return ("paragraph", RichText("".join(f"<p>{text}</p>" for text in paragraphs)))


def _qa(question: str, answer: str) -> tuple[str, dict]:
    return ("question_answer", {"question": question, "answer": RichText(f"<p>{answer}</p>")})


def _course_card(courses: dict, slug: str, note: str) -> list[tuple[str, dict]]:
    course = courses.get(slug)
    return [("course_card", {"course": course, "note": note})] if course else []


# Interviews -------------------------------------------------------------------------


def _interviews(images: dict, courses: dict) -> list[dict]:
    return [
        {
            "slug": "saeki-writer",
            "days_ago": 12,
            "title": "子どもが寝たあとの一時間が、仕事になった",
            "lead": (
                "二人の子どもを育てながら、ひなた町の自宅でWebライターとして働く佐伯さん。"
                "Webライティング入門のゼミに参加したのは、下の子が保育園に入った春のことでした。"
                "はじめての納品までの道のりと、いまの一日の過ごし方を聞きました。"
            ),
            "interviewee_name": "佐伯さん",
            "occupation": "Webライター",
            "region": f"{TOWN}",
            "portrait": images["portrait-saeki"],
            "cover": images["cover-saeki"],
            "cover_alt": "朝焼けの空の下に、なだらかな丘が重なる風景のイラスト",
            "tags": ["在宅ワーク", "子育てと仕事", "Webライティング", "地域の仲間"],
            "courses": [("web-writing-intro", True), ("seo-article-structure", False)],
            "body": [
                ("heading", "広報誌の小さな案内から"),
                _qa(
                    "講座を知ったきっかけは何でしたか。",
                    "町の広報誌の片隅に載っていた案内です。最初は「パソコンで稼ぐ」という言葉に少し身構えました。"
                    "でも説明会で講師の方が「まずは読む人の顔を思い浮かべるところから」と話していて、"
                    "それなら私にもできるかもしれない、と思えたんです。",
                ),
                _p(
                    "佐伯さんは結婚する前、地元の信用金庫で窓口の仕事をしていました。上の子の出産を機に退職して七年。"
                    "「社会から少し離れてしまったような気持ちが、ずっとどこかにありました」と振り返ります。"
                    "外で働こうにも保育園の送り迎えの時間と合わず、かといって何もしないのも落ち着かない。"
                    "そんなときに目にとまったのが、町が開いている在宅ワークの講座でした。",
                ),
                ("heading", "最初の課題は、赤い線だらけ"),
                _p(
                    "ゼミで最初に出された課題は、長い文章を読みやすく書き直すというものでした。"
                    "「自分ではうまく書けたつもりだったんです。でも戻ってきた添削には赤い線がたくさん引いてあって。"
                    "一文が長すぎる、主語がどこかへ行ってしまっている、と」。",
                    "落ち込んだのは一晩だけだったそうです。メンターのコメントに、直し方まで具体的に書いてあったことが支えになりました。",
                ),
                (
                    "quote",
                    {
                        "text": "できていないところより、次にどうすればいいかが書いてあった。だから、もう一回やってみようと思えました。",
                        "attribution": "佐伯さん",
                    },
                ),
                (
                    "image",
                    {
                        "image": images["desk-evening"],
                        "alt_text": "夜の部屋で、机の上にノートパソコンとマグカップが置かれているイラスト",
                        "caption": "子どもが寝たあとの時間は、昼に書いた原稿を読み直すのにあてている",
                        "credit": "イラスト：つなぐ事務局",
                    },
                ),
                ("heading", "はじめての納品まで"),
                _p(
                    "講座を修了した翌月、佐伯さんはクラウドソーシングではじめての仕事を受けました。"
                    "町の和菓子店が通販サイトに載せる、五品分の商品紹介文です。"
                    "報酬は決して多くありませんでしたが、「ゼミでお茶屋さんの課題に取り組んでいたので、何を聞けばいいかが分かっていた」"
                    "のが大きかったといいます。",
                    "素材のこと、日持ちのこと、どんな場面で贈られることが多いのか。依頼主への質問を箇条書きにして送ると、"
                    "「こんなに細かく聞いてくれた人は初めてです」と返事が届きました。その店からは、いまも季節が変わるたびに依頼があります。",
                ),
                ("heading", "ゼミの仲間と"),
                _p(
                    "佐伯さんが参加したゼミには、十二人が集まりました。二十代の学生から、定年を迎えたばかりの人まで。"
                    "週に一度、交流センターの研修室に集まって、提出した課題をお互いに読み合う時間がありました。",
                    "「ほかの人の文章を読むと、同じ課題なのに書き出しがまるで違うんです。"
                    "自分ひとりでは思いつかない言い回しを、仲間の文章からたくさんもらいました」。"
                    "ゼミが終わったいまも、そのときの仲間とはメッセージで近況を伝え合っているそうです。",
                ),
                _qa(
                    "ゼミでいちばん印象に残っていることは何ですか。",
                    "修了の日に、メンターの方が一人ひとりに手書きのひとことをくれたことです。"
                    "私のカードには「読む人への気づかいが、文章のすみずみに出ています」と書いてありました。"
                    "いまでも机の前に貼ってあって、迷ったときに読み返しています。",
                ),
                ("heading", "一日の過ごし方"),
                _qa(
                    "いまはどんなリズムで仕事をしていますか。",
                    "平日は子どもを送り出してから昼までの三時間と、夜の一時間です。夜は新しく書くのではなく、"
                    "昼に書いたものを読み直す時間にしています。少し時間をおくと、自分の文章の癖がよく見えるんです。",
                ),
                _qa(
                    "続けるうえで大事にしていることはありますか。",
                    "無理な締め切りの仕事を受けないことです。子どもが熱を出すのは、たいてい締め切りの前の日なので。"
                    "最初のやりとりで「お急ぎの案件はお受けしていません」と伝えるようにしてから、気持ちがずいぶん楽になりました。",
                ),
                (
                    "pros_cons",
                    {
                        "heading": "在宅でライターをしてみて感じたこと",
                        "pros_label": "よかったこと",
                        "pros": [
                            "通勤がなく、家事や育児の合間に仕事ができる",
                            "書いたものが誰かの役に立っている手応えがある",
                            "ゼミで学んだことが、そのまま次の仕事に生きる",
                            "困ったときに、同じ町の仲間に相談できる",
                        ],
                        "cons_label": "大変なこと",
                        "cons": [
                            "家にいると、仕事と家事の切り替えが難しい",
                            "最初のうちは単価が低く、時間あたりの収入が少ない",
                            "子どもの体調しだいで予定が崩れやすい",
                            "ひとりで悩みを抱え込みがちになる",
                        ],
                    },
                ),
                ("heading", "相談会が、いまも支えに"),
                _p(
                    "講座が終わったいまも、佐伯さんは月に一度の相談会に顔を出しています。見積もりの出し方に迷ったとき、"
                    "依頼主への返事の書き方に困ったとき。「同じ町に、同じようなことで悩んでいる人がいる。"
                    "それを知っているだけで、ひとりで抱え込まなくなりました」。",
                    "最近は、後から講座に入った人の質問に答える側に回ることも増えてきたそうです。",
                ),
                (
                    "callout",
                    {
                        "style": "tip",
                        "title": "佐伯さんから、これから学ぶ人へ",
                        "text": RichText(
                            "<p>最初から完璧な文章を書ける人はいません。添削で直されたところは、そのまま伸びしろです。"
                            "赤い線が多かった日ほど、ノートに書き写しておくのがおすすめです。</p>"
                        ),
                    },
                ),
                *_course_card(courses, "web-writing-intro", "佐伯さんがゼミで受講したコース"),
                _p(
                    "取材の最後に、これからの目標を聞きました。「いつか、この町のお店を紹介する記事をまとめて書いてみたいんです。"
                    "観光案内には載らないけれど、地元の人が通い続けているようなお店を」。",
                    "そう話す佐伯さんのノートには、行きつけのパン屋さんや八百屋さんの名前が、びっしりと書き込まれていました。",
                    "帰り際、玄関先まで見送ってくれた佐伯さんは、少し照れくさそうにこう付け加えました。"
                    "「七年間、家のことだけをしてきた時間も、無駄じゃなかったと思えるんです。"
                    "子育て中の人が何に困っているか、どんな言葉ならすっと届くか。それを知っていることが、いまは仕事の助けになっていますから」。",
                ),
            ],
        },
        {
            "slug": "murakami-designer",
            "days_ago": 41,
            "title": "紙からWebへ。町のお店の「顔」をつくる仕事",
            "lead": (
                "印刷会社で十年、チラシやパンフレットを組んできた村上さんは、三年前に地元へ戻り、"
                "Webデザインの講座で学び直しました。いまは町の商店や農家から、バナーやホームページの相談を受けています。"
            ),
            "interviewee_name": "村上さん",
            "occupation": "Webデザイナー",
            "region": f"{TOWN}（北原市からUターン）",
            "portrait": images["portrait-murakami"],
            "cover": images["cover-murakami"],
            "cover_alt": "青い空と海、遠くに重なる山並みを描いたイラスト",
            "tags": ["Webデザイン", "Uターン", "地域の仲間", "継続案件"],
            "courses": [
                ("web-design-intro", False),
                ("banner-design-basics", False),
                ("portfolio-and-repeat-clients", False),
            ],
            "body": [
                ("heading", "Uターンと、学び直し"),
                _p(
                    "村上さんは高校を卒業してから、北原市の印刷会社でDTPの仕事を続けてきました。"
                    "父親の体調をきっかけに実家のあるひなた町へ戻ったのが三年前。"
                    "「地元にはデザインの仕事なんてないだろう、と思い込んでいました」。",
                    "ところが、実家の近所で店を営む人たちと話してみると、ホームページを作ったきり何年も更新していない、"
                    "SNSに載せる画像をどう作ればいいか分からない、という声がいくつも聞こえてきたといいます。",
                ),
                _qa(
                    "紙のデザインの経験があっても、講座を受けようと思ったのはなぜですか。",
                    "紙とWebでは、考え方がまるで違うからです。紙は一度刷ったら終わりですが、Webは見る画面の大きさも、"
                    "読まれる順番も人それぞれです。スマートフォンで見たときに文字が小さすぎないか、ボタンが押しやすいか。"
                    "そういう基本を、いちから順番に教わりたかったんです。",
                ),
                (
                    "image",
                    {
                        "image": images["gathering-sea"],
                        "alt_text": "テーブルを囲んで六人が話し合っている様子を、丸と四角で表したイラスト",
                        "caption": "講座の仲間とは、修了後も作品を見せ合っている",
                        "credit": "イラスト：つなぐ事務局",
                    },
                ),
                ("heading", "「見せ方」より先に「伝えたいこと」"),
                _p(
                    "バナーデザインの基礎のコースで、村上さんがいちばん驚いたのは、"
                    "手を動かす前に「誰に、何を、ひとことで伝えるか」を文章で書き出す課題でした。",
                    "「印刷会社では、原稿も写真も揃った状態で仕事が来ていました。"
                    "でも、町のお店の人は、何を伝えたいかがまだ言葉になっていないことが多いんです。"
                    "だから、まず話を聞いて一緒に言葉にする。デザインはそのあとです」。",
                ),
                (
                    "quote",
                    {
                        "text": "きれいに作ることより、お客さんが次に何をすればいいか分かること。それが町のお店のデザインだと思っています。",
                        "attribution": "村上さん",
                    },
                ),
                ("heading", "一度きりで終わらない関係"),
                _p(
                    "いま村上さんの仕事の半分ほどは、同じ依頼主からの二回目、三回目の依頼です。"
                    "きっかけは、講座で学んだ「納品のあとの一通」でした。納品から一か月後に、"
                    "バナーを差し替えてからの反応を尋ねるメッセージを送るようにしたのです。",
                    "「数字が良くなったと喜んでくれる人もいれば、あまり変わらなかったと正直に教えてくれる人もいます。"
                    "どちらの場合も、次の相談につながることが多いですね」。",
                ),
                _qa(
                    "町の外からの仕事も受けていますか。",
                    "クラウドソーシングで、県外の方からの依頼も受けています。ただ、顔を合わせて話せる地元の仕事は、"
                    "やっぱり手応えが違います。道ですれ違ったときに「あのチラシ、評判いいよ」と声をかけてもらえるのは、"
                    "この町で働いているからこそだと思います。",
                ),
                (
                    "pros_cons",
                    {
                        "heading": "地元で仕事をするメリットとデメリット",
                        "pros_label": "",
                        "pros": [
                            "直接会って話を聞けるので、依頼の意図を取り違えにくい",
                            "ひとつの仕事が、口コミで次の仕事につながりやすい",
                            "作ったものが町の中で使われているのを自分の目で見られる",
                        ],
                        "cons_label": "",
                        "cons": [
                            "知り合いからの依頼だと、料金の話を切り出しにくい",
                            "打ち合わせに出向く時間と移動の手間がかかる",
                            "断りづらく、仕事を抱え込みすぎることがある",
                        ],
                    },
                ),
                (
                    "callout",
                    {
                        "style": "note",
                        "title": "料金の話は最初に",
                        "text": RichText(
                            "<p>知り合いからの依頼ほど、最初に見積もりを書面で出すようにしている、と村上さん。"
                            "「あとから気まずくならないための、お互いへの思いやりです」。</p>"
                        ),
                    },
                ),
                *_course_card(courses, "banner-design-basics", "村上さんが「考え方が変わった」と話すコース"),
                _qa(
                    "料金はどうやって決めていますか。",
                    "講座で教わったとおり、作業にかかる時間を書き出してから決めています。"
                    "地元のお店には、最初に小さなバナー一枚から試してもらうことも多いです。"
                    "いきなり大きな金額を提示するより、一度仕事ぶりを見てもらったほうが、お互いに安心できますから。",
                ),
                ("heading", "ポートフォリオは「説明つき」で"),
                _p(
                    "講座の最後に受けたのが、ポートフォリオと継続案件のコースです。村上さんはそこで、作品をただ並べるのをやめました。"
                    "一つひとつの作品に、依頼主が困っていたこと、自分が提案したこと、納品後にどう使われたかを短く書き添えたのです。",
                    "「見た目のきれいさだけなら、もっと上手な人はいくらでもいます。"
                    "でも、話を聞いて、一緒に考えて、形にするところまでを見せられれば、それが自分の強みになる」。"
                    "説明を書き添えたポートフォリオに変えてから、問い合わせの文面が「作ってください」から"
                    "「相談に乗ってください」に変わってきたといいます。",
                ),
                _qa(
                    "一日の働き方を教えてください。",
                    "朝は父の通院の付き添いがある日もあるので、仕事は九時半からと決めています。"
                    "午前中は打ち合わせや電話、午後は画面に向かって手を動かす時間です。"
                    "夕方五時には手を止めて、夜は新しいデザインを見て回るくらいにしています。"
                    "会社員のころより働く時間は短いですが、そのぶん集中できている気がします。",
                ),
                _qa(
                    "これから講座を受ける人に、ひとことお願いします。",
                    "経験がある人ほど、一度まっさらな気持ちで基本を学び直すのがおすすめです。"
                    "僕は紙の仕事の癖がなかなか抜けなくて、最初の課題では文字を小さく詰め込みすぎていると何度も言われました。"
                    "自分では当たり前だと思っていたことを見直せたのが、いちばんの収穫でした。",
                ),
                ("heading", "これから"),
                _p(
                    "今年からは、商工会と一緒に、お店の人向けの小さな勉強会も始めました。"
                    "自分でできることは自分で、難しいところは相談してもらえればいい。"
                    "「町の中で、頼ったり頼られたりする関係が、少しずつ増えていくといいなと思っています」。",
                    "取材を終えて商店街を歩くと、村上さんが手がけた八百屋さんの旬の野菜の案内や、"
                    "喫茶店の季節のメニューの看板が、あちこちで目に入りました。どれも、店の人の声がそのまま聞こえてくるような、"
                    "飾りすぎない、あたたかいデザインでした。",
                ),
            ],
        },
        {
            "slug": "hasegawa-proposals",
            "days_ago": 73,
            "title": "営業三十年の経験を、在宅の提案書に生かす",
            "lead": (
                "六十歳で早期退職した長谷川さんは、提案と見積もりのコースで学び、いまは在宅で企画書や提案文の仕事を請け負っています。"
                "はじめての確定申告も、講座で学びながら乗り越えました。"
            ),
            "interviewee_name": "長谷川さん",
            "occupation": "提案書・企画書のライター",
            "region": f"{TOWN}",
            "portrait": images["portrait-hasegawa"],
            "cover": images["cover-hasegawa"],
            "cover_alt": "若葉色の丘と、やわらかな日差しを描いたイラスト",
            "tags": ["営業・提案", "確定申告", "シニアの働き方", "地域の仲間"],
            "courses": [
                ("proposal-basics", False),
                ("pricing-and-negotiation", False),
                ("freelance-tax-return", False),
            ],
            "body": [
                ("heading", "退職して、時間ができたけれど"),
                _p(
                    "長谷川さんは、機械部品の商社で三十年あまり営業の仕事をしてきました。"
                    "六十歳で早期退職したあと、最初の半年は庭の手入れや旅行を楽しんでいたそうです。"
                    "「でも、だんだん物足りなくなってきてね。誰かの役に立っている感覚がほしかったんです」。",
                    "公民館の掲示板で講座の案内を見つけたのは、そんな時期でした。",
                ),
                _qa(
                    "六十代からパソコンで仕事を始めることに、不安はありませんでしたか。",
                    "ありましたよ。若い人ばかりだったらどうしようと思っていました。でも実際に来てみたら、"
                    "子育て中の方も、学生さんも、私と同じくらいの年の人もいて。年齢はあまり関係ないんだと分かって安心しました。",
                ),
                ("heading", "営業の経験が、そのまま生きた"),
                _p(
                    "提案の基礎のコースで取り組んだのは、募集の文章を読み解いて、依頼主が本当に困っていることを見つける練習です。"
                    "「これは営業の仕事とまったく同じでした。お客さんが口にする要望の奥に、別の困りごとがあることが多いんです」。",
                    "一方で、苦労したのは文章の短さでした。対面なら身ぶりや表情で補えたことを、限られた文字数で伝えなければなりません。"
                    "メンターからは何度も「最初の三行で、相手の得を書きましょう」と返ってきたそうです。",
                ),
                (
                    "quote",
                    {
                        "text": "話すのは得意でも、書くのは別もの。六十を過ぎて、新しく覚えることがあるのは楽しいですよ。",
                        "attribution": "長谷川さん",
                    },
                ),
                (
                    "image",
                    {
                        "image": images["desk-forest"],
                        "alt_text": "明るい部屋の机に、ノートパソコンとマグカップが置かれているイラスト",
                        "caption": "仕事は午前中だけ、と決めている",
                        "credit": "イラスト：つなぐ事務局",
                    },
                ),
                ("heading", "見積もりと、はじめての確定申告"),
                _p(
                    "見積もりと価格交渉のコースでは、自分の時間の値段を考えるところから学びました。"
                    "「会社員のころは、値段は会社が決めるものでした。自分で決めるとなると、つい安くしてしまうんです」。"
                    "作業の手順を書き出して時間を見積もり、修正の回数まで条件に含める。その手順を覚えてから、"
                    "依頼主とのやりとりで迷うことが減ったといいます。",
                    "確定申告は、フリーランスの確定申告のコースを受けながら準備しました。"
                    "レシートを月ごとに封筒に分けておくという、講座で聞いた小さな工夫がいちばん役に立ったそうです。",
                ),
                _qa(
                    "はじめての確定申告はいかがでしたか。",
                    "思っていたよりずっと落ち着いてできました。分からないところは相談会でメンターに聞けましたし、"
                    "同じように初めて申告する仲間と、画面を見せ合いながら進められたのが心強かったですね。",
                ),
                (
                    "pros_cons",
                    {
                        "heading": "六十代からフリーランスを始めてみて",
                        "pros_label": "",
                        "pros": [
                            "長年の仕事の経験が、そのまま強みになる",
                            "働く時間と量を、自分の体調に合わせて決められる",
                            "年齢の違う仲間と知り合い、新しい刺激がある",
                        ],
                        "cons_label": "",
                        "cons": [
                            "パソコンやオンラインの道具に慣れるまで時間がかかる",
                            "収入が月によって大きく変わる",
                            "帳簿づけや申告を、すべて自分でしなければならない",
                        ],
                    },
                ),
                (
                    "callout",
                    {
                        "style": "info",
                        "title": "経理が不安な人へ",
                        "text": RichText(
                            "<p>確定申告の時期には、相談会で申告書の書き方を一緒に確認する回を設けています。"
                            "日程はお知らせのページでご案内します。</p>"
                        ),
                    },
                ),
                *_course_card(courses, "proposal-basics", "長谷川さんが最初に受講したコース"),
                ("heading", "若い仲間に教わること、教えること"),
                _p(
                    "相談会に通ううちに、長谷川さんには年の離れた仲間ができました。"
                    "表計算の関数が分からずに困っていたとき、隣の席の大学生が画面をのぞき込んで、五分で片づけてくれたこともあったそうです。",
                    "「そのお返しに、取引先に値上げをお願いするときの文面を一緒に考えました。"
                    "向こうは、どう切り出せばいいのか分からなかったみたいでね。"
                    "こういう、得意なことを持ち寄れる関係は、会社の中ではなかなかできませんでした」。",
                ),
                _qa(
                    "仕事の量は、どうやって決めていますか。",
                    "月に引き受けるのは四件まで、と決めています。引き受けるときには、納期に一週間の余裕を見てもらうようにしています。"
                    "体調を崩して迷惑をかけるのがいちばん嫌ですからね。"
                    "依頼主の方にも、最初にそう伝えておくと、かえって信頼してもらえることが多いんです。",
                ),
                _qa(
                    "講座を受けて、いちばん変わったことは何ですか。",
                    "自分の経験を言葉にできるようになったことです。三十年やってきたことも、書いて伝えなければ、"
                    "はじめて会う人には分かってもらえません。プロフィールの文章を何度も書き直すうちに、"
                    "自分がどんな仕事で人の役に立てるのかが、自分でもはっきりしてきました。",
                ),
                _qa(
                    "家族の反応はいかがでしたか。",
                    "妻には最初、「また会社みたいに夜遅くまで働くんじゃないの」と心配されました。"
                    "だから午前中だけと約束したんです。いまは、私が書いた提案書が採用されたと話すと、一緒に喜んでくれます。"
                    "娘からは、自分の店の案内文も頼まれるようになりました。もちろん、料金はいただいていませんけどね。",
                ),
                ("heading", "町の人の「伝える」を手伝いたい"),
                _p(
                    "最近、長谷川さんのもとには、町の農家さんから補助金の申請書や、直売所の案内文の相談が届くようになりました。"
                    "「書類を前に困っている人の話を聞いて、一緒に言葉を探すのは、営業のころと同じ楽しさがあります」。",
                    "これからも、午前中だけ働くペースは変えないつもりだそうです。"
                    "午後は庭に出て、夕方には孫と散歩に出かける。そんな毎日の中に、仕事がちょうどよく収まっていました。",
                    "「会社を辞めたときは、もう新しいことを始める年じゃないと思っていました。でも、始めてみたら、"
                    "教わる楽しさも、誰かに頼られるうれしさも、若いころと少しも変わらない。"
                    "迷っている同年代の人がいたら、まずは相談会をのぞいてみてほしいですね」。",
                ),
            ],
        },
    ]


# News and the seminar ----------------------------------------------------------------------


def _news() -> list[dict]:
    return [
        {
            "slug": "site-opened",
            "days_ago": 90,
            "title": "学習サイト「つなぐ」を公開しました",
            "lead": "講座の教材、課題の提出、メンターの添削、相談会の申し込みを、ひとつのサイトでできるようになりました。",
            "tags": ["お知らせ", "在宅ワーク"],
            "body": [
                _p(
                    f"{TOWN}のフリーランス育成事業の学習サイト「つなぐ」を公開しました。"
                    "これまで紙とメールで行っていた課題の提出と添削を、サイトの上でできるようになります。",
                    "コースは入門から上級までの四つのレベルに分かれています。"
                    "はじめての方は、入門のコースから順番に受講するのがおすすめです。",
                ),
                ("heading", "サイトでできること"),
                _p(
                    "レッスンを読む、課題を書いて提出する、メンターからの添削を読んで書き直す、相談会に申し込む。"
                    "スマートフォンからも、すべての操作ができます。",
                ),
            ],
        },
        {
            "slug": "meetup-venue-change",
            "days_ago": 20,
            "title": "相談会の会場が交流センターに変わります",
            "lead": "来月から、毎月の相談会の会場を公民館から交流センター2階の研修室に移します。",
            "tags": ["お知らせ", "地域の仲間"],
            "body": [
                _p(
                    "参加される方が増えてきたため、来月から相談会の会場を広い部屋に移します。"
                    "新しい会場は、役場の向かいにある交流センターの2階、研修室です。駐車場は交流センターの裏手をご利用ください。",
                    "これまでどおり、オンラインでの参加もできます。",
                ),
                (
                    "callout",
                    {
                        "style": "info",
                        "title": "持ち物",
                        "text": RichText(
                            "<p>ノートパソコンをお持ちの方はご持参ください。貸し出し用も数台ご用意しています。</p>"
                        ),
                    },
                ),
            ],
        },
    ]


SEMINAR = {
    "slug": "crowdsourcing-first-seminar",
    "title": "はじめてのクラウドソーシング体験セミナー",
    "lead": (
        "在宅で働くことに興味はあるけれど、何から始めればいいか分からない。そんな方のための、半日の体験セミナーです。"
        "実際の募集文を読みながら、仕事の探し方と応募のしかたを一緒に体験します。"
    ),
    "tags": ["セミナー", "在宅ワーク", "営業・提案"],
    "venue": f"{TOWN}交流センター 2階 研修室",
    "capacity": 20,
    "body": [
        ("heading", "こんな方におすすめです"),
        _p(
            "子育てや介護の合間に、自宅でできる仕事を探している方。退職後に、これまでの経験を生かしたい方。"
            "パソコンは、メールとインターネットが使えれば大丈夫です。"
        ),
        ("heading", "当日の内容"),
        _qa(
            "クラウドソーシングとは？",
            "インターネットを通じて、仕事を頼みたい人と引き受けたい人をつなぐ仕組みです。実際の画面を見ながら説明します。",
        ),
        _qa(
            "どんな仕事がありますか。",
            "文章を書く、画像を作る、データを入力するなど、さまざまです。はじめての人に向いている仕事の選び方をお話しします。",
        ),
        _qa(
            "実際に応募しますか。",
            "本当には応募しません。練習用の募集文を使って、応募の文章を書いてみるところまで体験します。",
        ),
        (
            "callout",
            {
                "style": "tip",
                "title": "卒業生も参加します",
                "text": RichText("<p>後半は、講座を修了した卒業生に、はじめての仕事の思い出を話してもらいます。</p>"),
            },
        ),
    ],
    "registration_intro": RichText(
        "<p>参加は無料です。定員になりしだい、受付を締め切ります。お申し込みの内容は、セミナーの運営にだけ使います。</p>"
    ),
    "thank_you_text": RichText(
        "<p>お申し込みありがとうございます。当日は開始の10分前から受付をしています。お気をつけてお越しください。</p>"
    ),
    "fields": [
        ("お名前", "singleline", True, "", ""),
        ("メールアドレス", "email", True, "", "セミナーの前日に、ご案内をお送りします。"),
        ("参加のしかた", "radio", True, "会場で参加する\nオンラインで参加する", ""),
        ("聞いてみたいこと", "multiline", False, "", "あれば、ご自由にお書きください。"),
    ],
}


# Loading -------------------------------------------------------------------------------------


def _images() -> dict:
    return {
        "cover-saeki": _image(
            "デモ：朝焼けの丘",
            "朝焼けの空の下に、なだらかな丘が重なる風景のイラスト",
            lambda: _landscape("dawn", 1),
            "demo-cover-dawn.png",
        ),
        "cover-murakami": _image(
            "デモ：海と山並み",
            "青い空と海、遠くに重なる山並みを描いたイラスト",
            lambda: _landscape("sea", 2),
            "demo-cover-sea.png",
        ),
        "cover-hasegawa": _image(
            "デモ：若葉の丘",
            "若葉色の丘と、やわらかな日差しを描いたイラスト",
            lambda: _landscape("forest", 3),
            "demo-cover-forest.png",
        ),
        "cover-seminar": _image(
            "デモ：夕暮れの町",
            "夕暮れの空と、重なる丘を描いたイラスト",
            lambda: _landscape("evening", 4),
            "demo-cover-evening.png",
        ),
        "desk-evening": _image(
            "デモ：夜の机",
            "夜の部屋で、机の上にノートパソコンとマグカップが置かれているイラスト",
            lambda: _desk("evening"),
            "demo-desk-evening.png",
        ),
        "desk-forest": _image(
            "デモ：昼の机",
            "明るい部屋の机に、ノートパソコンとマグカップが置かれているイラスト",
            lambda: _desk("forest"),
            "demo-desk-forest.png",
        ),
        "gathering-sea": _image(
            "デモ：テーブルを囲む人たち",
            "テーブルを囲んで六人が話し合っている様子を、丸と四角で表したイラスト",
            lambda: _gathering("sea"),
            "demo-gathering.png",
        ),
        "portrait-saeki": _image(
            "デモ：佐伯さんのアバター",
            "佐伯さんの似顔絵の代わりの、やわらかな色の抽象的なアバター",
            lambda: _avatar("#f7d9c4", "#f1c6a8", "#e07a5f", "#5b4636"),
            "demo-avatar-saeki.png",
        ),
        "portrait-murakami": _image(
            "デモ：村上さんのアバター",
            "村上さんの似顔絵の代わりの、青を基調にした抽象的なアバター",
            lambda: _avatar("#d6ecf3", "#e8c4a0", "#2f6f95", "#2e2e2e"),
            "demo-avatar-murakami.png",
        ),
        "portrait-hasegawa": _image(
            "デモ：長谷川さんのアバター",
            "長谷川さんの似顔絵の代わりの、緑を基調にした抽象的なアバター",
            lambda: _avatar("#e6f2d9", "#ecc9a8", "#4f8a5b", "#9a9a9a"),
            "demo-avatar-hasegawa.png",
        ),
    }


def _index(home: HomePage, slug: str, title: str, intro: str) -> ArticleIndexPage:
    index = ArticleIndexPage.objects.child_of(home).filter(slug=slug).first()
    if index is None:
        index = ArticleIndexPageFactory(parent=home, slug=slug, title=title, intro=intro, live=False)
        index.save_revision().publish()
    return index


def _publish_new(factory, index: ArticleIndexPage, slug: str, values: dict, tags: list[str], prepare=None):
    """Create the page as a draft, let `prepare` add child rows, then publish it through a revision."""
    page = factory(parent=index, slug=slug, live=False, first_published_at=None, last_published_at=None, **values)
    page.tags.set(tags)
    if prepare:
        prepare(page)
    page.save_revision().publish()
    return page


def _load_interviews(ctx: DemoContext, index: ArticleIndexPage, images: dict, courses: dict) -> int:
    cohorts = ctx.pages.get("cohorts", {})
    created = 0
    today = timezone.localdate()
    for data in _interviews(images, courses):
        if InterviewPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        taken = [
            InterviewCourse(course=courses[slug], cohort=_cohort_of(courses[slug], cohorts) if in_cohort else None)
            for slug, in_cohort in data["courses"]
            if slug in courses
        ]
        _publish_new(
            InterviewPageFactory,
            index,
            data["slug"],
            {
                "title": data["title"],
                "lead": data["lead"],
                "date": today - datetime.timedelta(days=data["days_ago"]),
                "interviewee_name": data["interviewee_name"],
                "occupation": data["occupation"],
                "region": data["region"],
                "portrait": data["portrait"],
                "cover_image": data["cover"],
                "cover_image_alt": data["cover_alt"],
                "publication_consent": True,
                "consent_recorded_on": today - datetime.timedelta(days=data["days_ago"] + 14),
                "consent_note": "署名入りの同意書を事務局で保管",
                "body": data["body"],
            },
            data["tags"],
            prepare=lambda page, taken=taken: page.courses_taken.set(taken),
        )
        created += 1
    return created


def _cohort_of(course, cohorts: dict):
    """The demo cohort of `course` if the courses loader made one."""
    return cohorts.get(course.slug) or Cohort.objects.filter(course=course).order_by("pk").first()


def _load_news(index: ArticleIndexPage, images: dict) -> int:
    created = 0
    today = timezone.localdate()
    for data in _news():
        if NewsPage.objects.child_of(index).filter(slug=data["slug"]).exists():
            continue
        values = {
            "title": data["title"],
            "lead": data["lead"],
            "date": today - datetime.timedelta(days=data["days_ago"]),
            "body": data["body"],
        }
        _publish_new(NewsPageFactory, index, data["slug"], values, data["tags"])
        created += 1
    return created


def _load_seminar(index: ArticleIndexPage, images: dict) -> int:
    if NewsPage.objects.child_of(index).filter(slug=SEMINAR["slug"]).exists():
        return 0
    local_now = timezone.localtime()
    starts_at = (local_now + datetime.timedelta(days=18)).replace(hour=13, minute=30, second=0, microsecond=0)

    def add_form(page: NewsPage) -> None:
        page.form_fields.set(
            [
                RegistrationFormField(
                    sort_order=order,
                    label=label,
                    field_type=kind,
                    required=required,
                    choices=choices,
                    help_text=help_text,
                )
                for order, (label, kind, required, choices, help_text) in enumerate(SEMINAR["fields"])
            ]
        )

    _publish_new(
        NewsPageFactory,
        index,
        SEMINAR["slug"],
        {
            "title": SEMINAR["title"],
            "lead": SEMINAR["lead"],
            "date": timezone.localdate(),
            "cover_image": images["cover-seminar"],
            "cover_image_alt": "夕暮れの空と、重なる丘を描いたイラスト",
            "body": SEMINAR["body"],
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2, minutes=30),
            "venue": SEMINAR["venue"],
            "is_online": True,
            "capacity": SEMINAR["capacity"],
            "registration_intro": SEMINAR["registration_intro"],
            "thank_you_text": SEMINAR["thank_you_text"],
        },
        SEMINAR["tags"],
        prepare=add_form,
    )
    return 1


def _feature_courses(home: HomePage, courses: dict) -> None:
    """Put a few courses on the home page once, through a revision so the editor sees them."""
    chosen = [courses[slug] for slug in FEATURED_COURSES if slug in courses]
    if not chosen or home.featured_courses.exists():
        return
    home.featured_courses.set(
        [HomePageFeaturedCourse(course=course, sort_order=order) for order, course in enumerate(chosen)]
    )
    home.save_revision().publish()


def load(ctx: DemoContext) -> None:
    home = ctx.pages.get("home") or Site.objects.get(is_default_site=True).root_page.specific
    home = HomePage.objects.get(pk=home.pk)
    courses = ctx.pages.get("courses", {})
    images = _images()
    interviews_index = _index(
        home,
        "interviews",
        "卒業生インタビュー",
        "講座を修了した人たちが、いまどんなふうに働き、暮らしているのか。ひとりひとりのお話を紹介します。",
    )
    news_index = _index(home, "news", "お知らせ・セミナー", "講座や相談会のお知らせ、セミナーのご案内です。")
    created = _load_interviews(ctx, interviews_index, images, courses)
    created += _load_news(news_index, images)
    created += _load_seminar(news_index, images)
    _feature_courses(home, courses)
    ctx.pages["interviews"] = interviews_index
    ctx.pages["news"] = news_index
    if created:
        ctx.say(f"  editorial: {created} interviews, news and seminar notices")
