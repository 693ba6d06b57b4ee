"""What is shown: the HTML and JSON blueprints, errors in Vietnamese, the feed, original files, the
administrator's page, and the document page with its NĐ 30/2020 paper layout."""
